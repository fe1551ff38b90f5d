import { useEditorContext } from '@graphiql/react';
import { useEffect, useRef } from 'react';
import { withAuthorization } from './authorizationHeader.js';

/**
 * Keeps the signed-in token in GraphiQL's header editor, so what the editor shows is what is
 * sent. On sign-in the active tab gets `Authorization: Bearer <token>`; a tab opened or switched
 * to later gets it too unless it carries an Authorization the user typed; on sign-out the tokens
 * this page received are removed from the tabs as they are shown. Edits in between are left
 * alone (deleting the header sends the query without it). Renders nothing.
 */
export function HeaderSync({ token }: { token: string | null }): null {
  const { headerEditor, tabs, activeTabIndex } = useEditorContext({ nonNull: true });
  const tabId = tabs[activeTabIndex]?.id;
  const ours = useRef(new Set<string>());
  const lastToken = useRef<string | null>(null);

  useEffect(() => {
    if (!headerEditor) return;
    const tokenChanged = token !== lastToken.current;
    lastToken.current = token;
    if (token !== null) ours.current.add(token);
    const isOurs = (value: string): boolean =>
      [...ours.current].some((t) => value === `Bearer ${t}`);
    const current = headerEditor.getValue();
    // A fresh sign-in wins over anything; otherwise only values this page wrote are replaced.
    const next = withAuthorization(
      current,
      token,
      (existing) => (token !== null && tokenChanged) || isOurs(existing),
    );
    if (next !== null && next !== current) headerEditor.setValue(next);
  }, [headerEditor, tabId, token]);
  return null;
}
