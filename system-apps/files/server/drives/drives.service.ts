// Cloud drives: a user adds an S3-compatible bucket (checked before it is saved, keys sealed), sees it as a root, and removes it.
import { appError } from '../../../../bff/trpc/app-error';
import type { Caller } from '../files.api';
import { checkName } from '../paths';
import type { DrivesStore, StoredDrive } from './drives.store';
import { DriveError, S3Drive, type DriveConfig } from './s3-drive';
import type { SecretBox } from './secret-box';

export interface DriveInput {
  name: string;
  endpoint: string;
  region: string;
  bucket: string;
  prefix: string;
  pathStyle: boolean;
  accessKeyId: string;
  secretAccessKey: string;
}

/** What the owner sees of a drive: never its keys. */
export interface DriveView {
  id: string;
  name: string;
  endpoint: string;
  region: string;
  bucket: string;
  prefix: string;
  /** The access key id's last four characters, to tell keys apart. */
  keyHint: string;
  createdAt: number;
}

export function toTrpcError(err: unknown): unknown {
  if (err instanceof DriveError) {
    const code = err.reason === 'files.drive.notFound' ? 'NOT_FOUND' : err.reason === 'files.drive.denied' ? 'FORBIDDEN' : err.reason === 'files.exists' ? 'CONFLICT' : 'BAD_GATEWAY';
    return appError(code, err.reason, err.message);
  }
  return err;
}

export class DrivesService {
  private readonly open = new Map<string, { sealed: string; drive: S3Drive }>();

  constructor(
    private readonly deps: {
      store: DrivesStore;
      box: SecretBox;
      /** Endpoints on private networks (a NAS, MinIO on the LAN, tests) are allowed only when this says so. */
      allowPrivateEndpoints: boolean;
      /** Names the caller's other roots use (a drive cannot take one). */
      takenNames(caller: Caller): Promise<string[]>;
    },
  ) {}

  private view(d: StoredDrive, keyId: string): DriveView {
    return { id: d.id, name: d.name, endpoint: d.endpoint, region: d.region, bucket: d.bucket, prefix: d.prefix, keyHint: keyId.slice(-4), createdAt: d.createdAt.getTime() };
  }

  private config(d: StoredDrive): DriveConfig {
    const keys = JSON.parse(this.deps.box.open(d.credentials, d.userId)) as { accessKeyId: string; secretAccessKey: string };
    return { endpoint: d.endpoint, region: d.region, bucket: d.bucket, prefix: d.prefix, pathStyle: d.pathStyle, ...keys };
  }

  /** The client for one of the caller's drives (kept while its keys stay the same). */
  async drive(caller: Caller, id: string): Promise<S3Drive> {
    const d = (await this.deps.store.ofUser(caller.id)).find((x) => x.id === id);
    if (!d) throw appError('NOT_FOUND', 'files.drive.notFound', 'There is no such cloud drive.');
    const cached = this.open.get(id);
    if (cached && cached.sealed === d.credentials) return cached.drive;
    cached?.drive.destroy();
    const drive = new S3Drive(this.config(d));
    this.open.set(id, { sealed: d.credentials, drive });
    return drive;
  }

  async list(caller: Caller): Promise<DriveView[]> {
    return (await this.deps.store.ofUser(caller.id)).map((d) => this.view(d, this.config(d).accessKeyId));
  }

  /** The caller's drives as roots: id `drive-<id>`, named as the user named them. */
  async roots(caller: Caller): Promise<{ id: string; name: string; driveId: string }[]> {
    return (await this.deps.store.ofUser(caller.id)).map((d) => ({ id: `drive-${d.id}`, name: d.name, driveId: d.id }));
  }

  async add(caller: Caller, input: DriveInput): Promise<DriveView> {
    try {
      checkName(input.name);
    } catch {
      throw appError('BAD_REQUEST', 'files.name.invalid', 'That name cannot be used for a folder.');
    }
    if ((await this.deps.takenNames(caller)).some((n) => n.toLowerCase() === input.name.toLowerCase())) throw appError('CONFLICT', 'files.exists', 'You have a folder of that name already.');
    let endpoint: URL;
    try {
      endpoint = new URL(input.endpoint);
    } catch {
      throw appError('BAD_REQUEST', 'files.drive.badEndpoint', 'The endpoint must be a web address like https://s3.example.com.');
    }
    if (endpoint.protocol !== 'https:' && endpoint.protocol !== 'http:') throw appError('BAD_REQUEST', 'files.drive.badEndpoint', 'The endpoint must be a web address like https://s3.example.com.');
    if (!this.deps.allowPrivateEndpoints && /^(localhost|127\.|10\.|192\.168\.|169\.254\.|\[::1\])/.test(endpoint.host)) {
      throw appError('BAD_REQUEST', 'files.drive.privateEndpoint', 'Endpoints on private networks are not allowed on this server.');
    }
    const config: DriveConfig = { ...input, endpoint: endpoint.origin, prefix: input.prefix.replace(/^\/+|\/+$/g, '') };
    const probe = new S3Drive(config);
    try {
      await probe.check();
    } catch (err) {
      throw toTrpcError(err);
    } finally {
      probe.destroy();
    }
    const sealed = this.deps.box.seal(JSON.stringify({ accessKeyId: input.accessKeyId, secretAccessKey: input.secretAccessKey }), caller.id);
    const saved = await this.deps.store.add({ userId: caller.id, name: input.name, endpoint: config.endpoint, region: input.region, bucket: input.bucket, prefix: config.prefix, pathStyle: input.pathStyle, credentials: sealed });
    if (!saved) throw appError('CONFLICT', 'files.exists', 'You have a cloud drive of that name already.');
    return this.view(saved, input.accessKeyId);
  }

  async remove(caller: Caller, id: string): Promise<void> {
    if (!(await this.deps.store.remove(caller.id, id))) throw appError('NOT_FOUND', 'files.drive.notFound', 'There is no such cloud drive.');
    this.open.get(id)?.drive.destroy();
    this.open.delete(id);
  }

  shutdown(): void {
    for (const { drive } of this.open.values()) drive.destroy();
    this.open.clear();
  }
}
