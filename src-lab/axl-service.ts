/**
 * The AXL engine of one cluster (cisco-reference §5): takes a decoded
 * operation element, acts on the cluster's device database and returns the
 * `<return>…</return>` XML, or throws an `AxlFault` carrying its axlcode.
 * No HTTP in here (`axl-http.ts` binds it).
 *
 * | operation | request | return |
 * | --- | --- | --- |
 * | getPhone | `name` or `uuid`, optional `returnedTags` | `<phone uuid>` |
 * | listPhone | `searchCriteria/{name,description,protocol}` (`%` wildcard), `returnedTags`, `skip`, `first` | `<phone uuid>`… |
 * | addPhone | `phone/{name, product, class, protocol, description, enableExtensionMobility, lines}` | `{UUID}` |
 * | updatePhone | `name` or `uuid`, `newName`, `description`, `enableExtensionMobility`, `lines` | `{UUID}` |
 * | removePhone | `name` or `uuid` | `{UUID}` |
 * | doDeviceReset | `deviceName` (or `uuid`), `isHardReset` or `deviceResetType` Reset/Restart | `{UUID}` |
 * | getUser | `userid` or `uuid`, optional `returnedTags` | `<user uuid>` |
 * | doAuthenticateUser | `userid` and `pin` (or `password`) | `userAuthenticated`, `code`, `daysToExpiry`, `isWorkgroupUser` |
 *
 * Lab extension: an addPhone whose `description` starts with
 * `CCEM_TEMPORARY_PREFIX` ("CCEM temporary") creates the device with the
 * database's `temporary` flag (AXL has no such field; on a real CUCM the
 * prefix is only a description). The CCEM service marks its temporary
 * devices this way (src-ccem/README.md).
 *
 * Only SIP phones are emulated: `protocol` other than SIP is refused (5003).
 * Each call emits `{type:'axl', cluster, op, device?, user?, outcome: 'ok'|'fault', code}`.
 */
import type { XmlElement } from '../src-firmware/xml/xml-parser';
import { AXL_CODE, AxlFault, DUPLICATE_MESSAGE } from './axl-soap-codec';
import { childNamed, childrenNamed, childText, elementChildren, localName, xmlElement } from './xml-local-names';
import { DeviceDatabaseError, type DeviceDatabase, type DeviceRecord, type UserRecord } from './device-database';
import type { DeviceResetKind } from './device-reset';
import { splitName } from './directory-service';
import { sameSecret } from './cluster-credentials';
import { DEVICE_NAME_PATTERN, type LineSpec } from './topology';

export interface AxlEvent {
  readonly type: 'axl';
  readonly at: string;
  readonly cluster: string;
  readonly op: string;
  readonly device?: string;
  readonly user?: string;
  readonly outcome: 'ok' | 'fault';
  /** 0 on success, else the axlcode. */
  readonly code: number;
  readonly [field: string]: unknown;
}

export interface AxlServiceOptions {
  readonly clusterId: string;
  readonly database: DeviceDatabase;
  readonly resetDevice: (deviceName: string, kind: DeviceResetKind) => Promise<unknown>;
  readonly onEvent?: (event: AxlEvent) => void;
  /** An end user's password for doAuthenticateUser `password` (default: the PIN). */
  readonly passwordOf?: (userId: string) => string | undefined;
}

export const AXL_OPERATIONS = ['getPhone', 'listPhone', 'addPhone', 'updatePhone', 'removePhone', 'doDeviceReset', 'getUser', 'doAuthenticateUser'] as const;

/** Description prefix that marks a CCEM temporary device (lab extension, see above). */
export const CCEM_TEMPORARY_PREFIX = 'CCEM temporary';

type Subject = { device?: string; user?: string };

function parseBoolean(value: string | undefined, operation: string, tag: string): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^(true|t|1)$/i.test(value)) return true;
  if (/^(false|f|0)$/i.test(value)) return false;
  throw new AxlFault(AXL_CODE.badRequest, `${tag} must be true or false, not "${value}"`, operation);
}

/** `%` matches any run, `_` any one character (SQL LIKE, as AXL searchCriteria). */
function likePattern(pattern: string): RegExp {
  const escaped = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*').replace(/_/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}

function notFound(what: 'Phone' | 'User' | 'Device', operation: string): AxlFault {
  return new AxlFault(AXL_CODE.notFound, `Item not valid: The specified ${what} was not found`, operation);
}

export class AxlService {
  constructor(private readonly options: AxlServiceOptions) {}

  /** Runs one operation; the result is the `<return>` element. */
  async execute(operation: string, body: XmlElement): Promise<string> {
    const subject: Subject = {};
    try {
      const result = await this.dispatch(operation, body, subject);
      this.emit(operation, subject, 'ok', 0);
      return result;
    } catch (error) {
      const fault = error instanceof AxlFault ? error : this.faultOf(error, operation);
      this.emit(operation, subject, 'fault', fault.axlcode);
      throw fault;
    }
  }

  private async dispatch(operation: string, body: XmlElement, subject: Subject): Promise<string> {
    switch (operation) {
      case 'getPhone': {
        const device = this.findPhone(body, operation, subject);
        return `<return>${this.phoneXml(device, this.returnedTags(body))}</return>`;
      }
      case 'listPhone':
        return this.listPhone(body);
      case 'addPhone':
        return this.addPhone(body, subject);
      case 'updatePhone':
        return this.updatePhone(body, subject);
      case 'removePhone': {
        const device = this.findPhone(body, operation, subject);
        this.options.database.removeDevice(device.name);
        return `<return>${device.uuid}</return>`;
      }
      case 'doDeviceReset':
        return this.doDeviceReset(body, subject);
      case 'getUser':
        return this.getUser(body, subject);
      case 'doAuthenticateUser':
        return this.doAuthenticateUser(body, subject);
      default:
        throw new AxlFault(AXL_CODE.unsupported, `Operation ${operation} is not supported by the lab`, operation, 'soapenv:Client');
    }
  }

  private faultOf(error: unknown, operation: string): AxlFault {
    if (error instanceof DeviceDatabaseError) {
      if (error.reason === 'duplicate') return new AxlFault(AXL_CODE.duplicate, DUPLICATE_MESSAGE, operation);
      if (error.reason === 'not-found') return notFound('Phone', operation);
      return new AxlFault(AXL_CODE.badRequest, error.message, operation);
    }
    return new AxlFault(AXL_CODE.badRequest, error instanceof Error ? error.message : String(error), operation);
  }

  private emit(op: string, subject: Subject, outcome: 'ok' | 'fault', code: number): void {
    this.options.onEvent?.({
      type: 'axl', at: new Date().toISOString(), cluster: this.options.clusterId, op,
      ...(subject.device === undefined ? {} : { device: subject.device }),
      ...(subject.user === undefined ? {} : { user: subject.user }),
      outcome, code,
    });
  }

  /** `name` or `uuid` directly under `element`. */
  private findPhone(element: XmlElement, operation: string, subject: Subject, nameTag = 'name'): DeviceRecord {
    const name = childText(element, nameTag);
    const uuid = childText(element, 'uuid');
    if (!name && !uuid) throw new AxlFault(AXL_CODE.badRequest, `${operation} needs ${nameTag} or uuid`, operation);
    subject.device = name || uuid;
    const device = name ? this.options.database.getDevice(name) : this.options.database.getDeviceByUuid(uuid ?? '');
    if (device === null) throw notFound('Phone', operation);
    subject.device = device.name;
    return device;
  }

  /** Local names under `returnedTags`, or null for "everything". */
  private returnedTags(body: XmlElement): Set<string> | null {
    const tags = elementChildren(childNamed(body, 'returnedTags')).map((e) => localName(e.name));
    return tags.length === 0 ? null : new Set(tags);
  }

  private phoneXml(device: DeviceRecord, tags: Set<string> | null): string {
    const profile = device.loggedInUser === null ? null : this.options.database.getUser(device.loggedInUser);
    const lines = [...device.lines].sort((a, b) => a.button - b.button).map((line, index) =>
      `<line>${xmlElement('index', index + 1)}${xmlElement('label', line.label)}${xmlElement('display', line.displayName)}` +
      `<dirn>${xmlElement('pattern', line.dn)}<routePartitionName/></dirn></line>`).join('');
    const fields: [string, string][] = [
      ['name', xmlElement('name', device.name)],
      ['description', xmlElement('description', device.description)],
      ['product', xmlElement('product', device.model)],
      ['model', xmlElement('model', device.model)],
      ['class', xmlElement('class', 'Phone')],
      ['protocol', xmlElement('protocol', 'SIP')],
      ['protocolSide', xmlElement('protocolSide', 'User')],
      ['devicePoolName', xmlElement('devicePoolName', `${this.options.clusterId}-default`)],
      ['enableExtensionMobility', xmlElement('enableExtensionMobility', device.emEnabled)],
      ['lines', `<lines>${lines}</lines>`],
      ['currentProfileName', xmlElement('currentProfileName', profile?.profileName)],
      ['loginUserId', xmlElement('loginUserId', device.loggedInUser)],
      ['loginTime', xmlElement('loginTime', device.loginTime === null ? null : Math.floor(device.loginTime / 1000))],
    ];
    const chosen = fields.filter(([tag]) => tags === null || tags.has(tag)).map(([, xml]) => xml).join('');
    return `<phone uuid="${device.uuid}">${chosen}</phone>`;
  }

  private listPhone(body: XmlElement): string {
    const criteria = childNamed(body, 'searchCriteria');
    if (criteria === undefined) throw new AxlFault(AXL_CODE.badRequest, 'listPhone needs searchCriteria', 'listPhone');
    const tests: ((device: DeviceRecord) => boolean)[] = [];
    const name = childText(criteria, 'name');
    if (name !== undefined) tests.push((d) => likePattern(name).test(d.name));
    const description = childText(criteria, 'description');
    if (description !== undefined) tests.push((d) => likePattern(description).test(d.description));
    const protocol = childText(criteria, 'protocol');
    if (protocol !== undefined) tests.push(() => likePattern(protocol).test('SIP'));
    const skip = Math.max(0, Number.parseInt(childText(body, 'skip') ?? '0', 10) || 0);
    const first = Number.parseInt(childText(body, 'first') ?? '', 10);
    const matching = this.options.database.listDevices().filter((d) => tests.every((test) => test(d)));
    const page = matching.slice(skip, Number.isFinite(first) && first > 0 ? skip + first : undefined);
    const tags = this.returnedTags(body) ?? new Set(['name', 'description', 'product', 'model', 'protocol']);
    return `<return>${page.map((device) => this.phoneXml(device, tags)).join('')}</return>`;
  }

  private lines(phone: XmlElement, operation: string): LineSpec[] | undefined {
    const container = childNamed(phone, 'lines');
    if (container === undefined) return undefined;
    return childrenNamed(container, 'line').map((line, position) => {
      const dn = childText(line, 'dirn', 'pattern') ?? '';
      if (!/^[0-9*#+]{1,24}$/.test(dn)) throw new AxlFault(AXL_CODE.badRequest, `line ${position + 1}: dirn/pattern "${dn}" is not a directory number`, operation);
      const index = Number.parseInt(childText(line, 'index') ?? String(position + 1), 10);
      if (!Number.isInteger(index) || index < 1 || index > 6) throw new AxlFault(AXL_CODE.badRequest, `line index must be 1-6`, operation);
      const label = childText(line, 'label') || dn;
      return { button: index, dn, label, displayName: childText(line, 'display') || label, authName: dn, authPassword: '' };
    });
  }

  private checkProtocol(phone: XmlElement, operation: string): void {
    const protocol = childText(phone, 'protocol');
    if (protocol !== undefined && protocol !== '' && protocol.toUpperCase() !== 'SIP') {
      throw new AxlFault(AXL_CODE.badRequest, `Only SIP phones are emulated (protocol ${protocol})`, operation);
    }
    const deviceClass = childText(phone, 'class');
    if (deviceClass !== undefined && deviceClass !== '' && deviceClass !== 'Phone') {
      throw new AxlFault(AXL_CODE.badRequest, `Only class Phone is supported (class ${deviceClass})`, operation);
    }
  }

  private checkName(name: string, operation: string): string {
    const upper = name.toUpperCase();
    if (!DEVICE_NAME_PATTERN.test(upper)) {
      throw new AxlFault(AXL_CODE.badRequest, `Device name "${name}" must be SEP followed by 12 hex digits`, operation);
    }
    return upper;
  }

  private addPhone(body: XmlElement, subject: Subject): string {
    const operation = 'addPhone';
    const phone = childNamed(body, 'phone');
    if (phone === undefined) throw new AxlFault(AXL_CODE.badRequest, 'addPhone needs a phone element', operation);
    const given = childText(phone, 'name') ?? '';
    subject.device = given;
    const name = this.checkName(given, operation);
    this.checkProtocol(phone, operation);
    const lines = this.lines(phone, operation);
    const emEnabled = parseBoolean(childText(phone, 'enableExtensionMobility'), operation, 'enableExtensionMobility');
    const description = childText(phone, 'description') ?? '';
    const device = this.options.database.addDevice({
      name,
      model: childText(phone, 'product') || childText(phone, 'model') || 'Cisco 7960',
      description,
      temporary: description.startsWith(CCEM_TEMPORARY_PREFIX),
      ...(emEnabled === undefined ? {} : { emEnabled }),
      ...(lines === undefined ? {} : { lines }),
    });
    subject.device = device.name;
    return `<return>${device.uuid}</return>`;
  }

  private updatePhone(body: XmlElement, subject: Subject): string {
    const operation = 'updatePhone';
    const device = this.findPhone(body, operation, subject);
    const newNameText = childText(body, 'newName');
    const newName = newNameText ? this.checkName(newNameText, operation) : undefined;
    const emEnabled = parseBoolean(childText(body, 'enableExtensionMobility'), operation, 'enableExtensionMobility');
    const description = childText(body, 'description');
    const lines = this.lines(body, operation);
    const updated = this.options.database.updateDevice(device.name, {
      ...(newName === undefined ? {} : { newName }),
      ...(description === undefined ? {} : { description }),
      ...(emEnabled === undefined ? {} : { emEnabled }),
      ...(lines === undefined ? {} : { lines }),
    });
    subject.device = updated.name;
    return `<return>${updated.uuid}</return>`;
  }

  private async doDeviceReset(body: XmlElement, subject: Subject): Promise<string> {
    const operation = 'doDeviceReset';
    const device = this.findPhone(body, operation, subject, 'deviceName');
    const hard = parseBoolean(childText(body, 'isHardReset'), operation, 'isHardReset');
    const type = childText(body, 'deviceResetType');
    let kind: DeviceResetKind;
    if (type !== undefined && type !== '') {
      if (!/^(reset|restart)$/i.test(type)) throw new AxlFault(AXL_CODE.badRequest, `deviceResetType must be Reset or Restart, not "${type}"`, operation);
      kind = type.toLowerCase() === 'reset' ? 'reset' : 'restart';
    } else {
      kind = hard === true ? 'reset' : 'restart';
    }
    await this.options.resetDevice(device.name, kind);
    return `<return>${device.uuid}</return>`;
  }

  private getUser(body: XmlElement, subject: Subject): string {
    const operation = 'getUser';
    const userid = childText(body, 'userid');
    const uuid = childText(body, 'uuid');
    if (!userid && !uuid) throw new AxlFault(AXL_CODE.badRequest, 'getUser needs userid or uuid', operation);
    subject.user = userid || uuid;
    const wanted = (uuid ?? '').replace(/[{}]/g, '').toUpperCase();
    const user = userid
      ? this.options.database.getUser(userid)
      : this.options.database.listUsers().find((u) => u.uuid.replace(/[{}]/g, '') === wanted) ?? null;
    if (user === null) throw notFound('User', operation);
    subject.user = user.userId;
    return `<return>${this.userXml(user, this.returnedTags(body))}</return>`;
  }

  /**
   * AXL doAuthenticateUser (AXL schema DoAuthenticateUserReq: `userid` and a
   * choice of `password` or `pin`): checks the end user's PIN (or password)
   * in this cluster. A wrong secret is not a fault: `userAuthenticated` false.
   */
  private doAuthenticateUser(body: XmlElement, subject: Subject): string {
    const operation = 'doAuthenticateUser';
    const userid = childText(body, 'userid') ?? '';
    if (userid === '') throw new AxlFault(AXL_CODE.badRequest, 'doAuthenticateUser needs userid', operation);
    subject.user = userid;
    const user = this.options.database.getUser(userid);
    if (user === null) throw notFound('User', operation);
    subject.user = user.userId;
    const pin = childText(body, 'pin');
    const password = childText(body, 'password');
    if (pin === undefined && password === undefined) throw new AxlFault(AXL_CODE.badRequest, 'doAuthenticateUser needs pin or password', operation);
    const expected = pin !== undefined ? user.pin : (this.options.passwordOf?.(user.userId) ?? user.pin);
    const authenticated = sameSecret(pin ?? password ?? '', expected);
    return `<return>${xmlElement('userAuthenticated', authenticated)}${xmlElement('code', authenticated ? 0 : 1)}` +
      `${xmlElement('daysToExpiry', 0)}${xmlElement('isWorkgroupUser', false)}</return>`;
  }

  private userXml(user: UserRecord, tags: Set<string> | null): string {
    const { first, last } = splitName(user.name);
    const fields: [string, string][] = [
      ['firstName', xmlElement('firstName', first)],
      ['lastName', xmlElement('lastName', last || user.userId)],
      ['userid', xmlElement('userid', user.userId)],
      ['telephoneNumber', xmlElement('telephoneNumber', user.dn)],
      ['displayName', xmlElement('displayName', user.name)],
      ['primaryExtension', `<primaryExtension>${xmlElement('pattern', user.dn)}<routePartitionName/></primaryExtension>`],
      ['homeCluster', xmlElement('homeCluster', user.home === this.options.clusterId)],
      ['phoneProfiles', `<phoneProfiles>${xmlElement('profileName', user.profileName)}</phoneProfiles>`],
      ['defaultProfile', xmlElement('defaultProfile', user.profileName)],
      ['enableEmcc', xmlElement('enableEmcc', true)],
    ];
    const chosen = fields.filter(([tag]) => tags === null || tags.has(tag)).map(([, xml]) => xml).join('');
    return `<user uuid="${user.uuid}">${chosen}</user>`;
  }
}
