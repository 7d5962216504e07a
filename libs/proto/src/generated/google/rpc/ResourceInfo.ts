// Original file: proto/google/rpc/error_details.proto


/**
 * The resource that was being accessed.
 */
export interface ResourceInfo {
  'resourceType'?: (string);
  'resourceName'?: (string);
  'owner'?: (string);
  'description'?: (string);
}

/**
 * The resource that was being accessed.
 */
export interface ResourceInfo__Output {
  'resourceType': (string);
  'resourceName': (string);
  'owner': (string);
  'description': (string);
}
