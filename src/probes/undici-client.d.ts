/**
 * undici's Client on its own (issue #9 item 4): the package's index also loads fetch, WebSocket, caching and
 * cookies, which the policy fetch never uses, at 30 ms and 15 MB of every start. undici has no `exports` map, so
 * the file is reachable; its type is the one the index exports.
 */
declare module 'undici/lib/dispatcher/client.js' {
  import type { Client } from 'undici';

  const ClientClass: typeof Client;
  export default ClientClass;
}

/**
 * The index adds `request` to every dispatcher's prototype; without it, the function is called on the client
 * itself (its `this`), as the prototype method would be.
 */
declare module 'undici/lib/api/api-request.js' {
  import type { Dispatcher } from 'undici';

  function request(this: Dispatcher, options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData>;
  export default request;
}
