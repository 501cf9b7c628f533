import * as path from 'node:path';
import { App, LocalBackend, S3Backend, type TerraformStack } from 'cdktf';

/** Where the stack keeps its Terraform state: an S3 bucket, encrypted, with locking. */
export interface StateBackendProps {
  readonly bucket: string;
  /**
   * Object key of the state.
   * @default 'connect-users/<stack id>.tfstate'
   */
  readonly key?: string;
  /**
   * Region of the bucket.
   * @default - the stack's region
   */
  readonly region?: string;
  /**
   * Server-side encryption of the state (it holds initial passwords).
   * @default true
   */
  readonly encrypt?: boolean;
  /**
   * A KMS key for the state's encryption.
   * @default - the bucket's default (SSE-S3 or its configured key)
   */
  readonly kmsKeyId?: string;
  /**
   * A DynamoDB table for state locking.
   * @default - S3's own lock file (use_lockfile; Terraform 1.10 or later)
   */
  readonly dynamodbTable?: string;
}

/** Puts the stack's state in S3, encrypted and locked. */
export function stateBackend(stack: TerraformStack, id: string, b: StateBackendProps, region: string | undefined): void {
  new S3Backend(stack, {
    bucket: b.bucket,
    key: b.key ?? `connect-users/${id}.tfstate`,
    region: b.region ?? region,
    encrypt: b.encrypt ?? true,
    kmsKeyId: b.kmsKeyId,
    dynamodbTable: b.dynamodbTable,
  });
  // cdktf 0.21 has no option for S3's native lock file; Terraform 1.10+ reads it from the backend block.
  if (!b.dynamodbTable) stack.addOverride('terraform.backend.s3.use_lockfile', true);
}

/**
 * The oldest Terraform that reads what the stack writes: 1.5 for `import` blocks (adoption), 1.10
 * for the S3 backend's `use_lockfile` (used unless a DynamoDB table locks the state). Written as
 * `terraform { required_version }`, so an older Terraform stops at init with its own clear
 * message instead of failing on an unknown block or argument.
 */
export function requiredTerraformVersion(backend: StateBackendProps | undefined): string {
  return backend && !backend.dynamodbTable ? '>= 1.10' : '>= 1.5';
}

/**
 * The local state file cdktf would use (terraform.<stack id>.tfstate in the
 * project folder), written as a path relative to the stack's working folder:
 * cdktf's default is absolute, which made cdk.tf.json differ between clones.
 */
export function localBackend(stack: TerraformStack, id: string): void {
  const workdir = path.resolve(App.of(stack).outdir, 'stacks', id);
  new LocalBackend(stack, { path: path.relative(workdir, path.resolve(`terraform.${id}.tfstate`)) });
}
