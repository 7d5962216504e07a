import { type IHeaders } from 'kafkajs';
import { type Headers } from '../ports';

export const decodeHeaders = (headers: IHeaders | undefined): Headers => {
  const decoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) decoded[name] = first.toString();
  }
  return decoded;
};
