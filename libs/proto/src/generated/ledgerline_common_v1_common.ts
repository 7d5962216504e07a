import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { CommandReceipt as _ledgerline_common_v1_CommandReceipt, CommandReceipt__Output as _ledgerline_common_v1_CommandReceipt__Output } from './ledgerline/common/v1/CommandReceipt';
import type { Money as _ledgerline_common_v1_Money, Money__Output as _ledgerline_common_v1_Money__Output } from './ledgerline/common/v1/Money';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  ledgerline: {
    common: {
      v1: {
        CommandReceipt: MessageTypeDefinition<_ledgerline_common_v1_CommandReceipt, _ledgerline_common_v1_CommandReceipt__Output>
        Money: MessageTypeDefinition<_ledgerline_common_v1_Money, _ledgerline_common_v1_Money__Output>
      }
    }
  }
}

