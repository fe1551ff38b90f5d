/**
 * The REST back ends as `RESTDataSource`s, one instance per request (so GETs are de-duplicated
 * within a request), each forwarding the caller's Bearer token.
 */
import { RESTDataSource, type AugmentedRequest } from '@apollo/datasource-rest';

/** `CloudUserDetails`, the fields the schema exposes. */
export interface CloudUserDetails {
  username: string;
  loginName?: string;
  cmeUserName?: string;
  dbid?: number;
  contactCenterId?: string;
  environmentId?: string;
  authorities: { name: string; privileges: string[] }[];
}

/** The part of WFM REST `/system/userinfo` the SOAP handshake needs. */
export interface WfmUserInfo {
  userId: number;
  userType: 'AGENT' | 'SUPERVISOR';
}

abstract class BearerDataSource extends RESTDataSource {
  constructor(
    baseURL: string,
    private readonly authorization: string,
  ) {
    super();
    this.baseURL = baseURL;
  }

  protected override willSendRequest(_path: string, request: AugmentedRequest): void {
    request.headers.authorization = this.authorization;
  }
}

/** Authentication API v3. */
export class AuthApi extends BearerDataSource {
  userInfo(): Promise<CloudUserDetails> {
    return this.get<CloudUserDetails>('userinfo');
  }
}

/** WFM REST. */
export class WfmRestApi extends BearerDataSource {
  userInfo(): Promise<WfmUserInfo> {
    return this.get<WfmUserInfo>('system/userinfo');
  }
}
