/** The lab's SIP call manager: what a cluster needs to plug it in. */
export { startSipServer, SIP_SUBPROTOCOL, type SipServer, type SipServerOptions } from './sip-ws-server';
export { createSipServiceStarter, deviceDatabaseCredentials, derivedRoutePatterns, type LabSipService, type SipServiceStarterOptions } from './cluster-sip-service';
export type { Binding, CredentialSource, LineCredentials, FlowId } from './registrar';
export type { RoutePattern } from './route-pattern';
export type { TrunkResolver } from './proxy';
export { SipRequestTimeoutError, SipFlowClosedError } from './proxy';
export type { SipLabEvent, CallState } from './sip-events';
export {
  NotRegisteredError, parseServiceControlBody, serviceControlBody, ZERO_STAMP,
  type ServiceControlAction, type VersionStamps,
} from './service-control';
export { systemClock, type SipClock } from './clock';
