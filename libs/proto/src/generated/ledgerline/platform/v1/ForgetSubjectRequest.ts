// Original file: proto/ledgerline/platform/v1/admin.proto


export interface ForgetSubjectRequest {
  'subjectId'?: (string);
}

export interface ForgetSubjectRequest__Output {
  'subjectId': (string);
}
