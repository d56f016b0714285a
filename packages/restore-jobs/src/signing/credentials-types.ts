/**
 * AWS credentials, the shape of the AWS SDK's `AwsCredentialIdentity`, so a provider such as
 * `fromNodeProviderChain()` from `@aws-sdk/credential-providers` plugs in as it is.
 */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string | undefined;
  /** When temporary credentials stop working; the client refreshes them before then. */
  readonly expiration?: Date | undefined;
}

/** An async source of credentials, called when the client needs (fresh) credentials. */
export type AwsCredentialsProvider = () => Promise<AwsCredentials>;

/**
 * Environment variables as the client reads them (`process.env` by default). Its own type, not
 * `NodeJS.ProcessEnv`, so the published declarations need no `@types/node` in a user's project.
 */
export type Environment = { readonly [name: string]: string | undefined };
