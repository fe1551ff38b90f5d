import type { OpenIdUserInfo } from '../types/AuthApi.js';
import type { LoaderDeps } from './LoaderDeps.js';

/** The caller's OpenID Connect claims (Authentication API `/openid/userinfo`). */
export function openId({ upstreams, call }: LoaderDeps): () => Promise<OpenIdUserInfo> {
  return () => upstreams.auth.openIdUserInfo(call);
}
