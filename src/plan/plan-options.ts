/**
 * What `plan(definition, options)` compiles to. The definition is target-neutral; the target and
 * its own settings (which Cloud Map namespace, which certificate authority) are chosen here.
 */

/**
 * The platforms a definition compiles to. `service-connect+vpc-lattice`: the Service Connect plan,
 * with every virtual service a router provides on VPC Lattice, which keeps its routes.
 * `vpc-lattice`: every virtual service on VPC Lattice, no Service Connect and no Cloud Map.
 */
export const TARGETS = Object.freeze([
  'app-mesh',
  'service-connect',
  'service-connect+vpc-lattice',
  'vpc-lattice',
] as const);
export type Target = (typeof TARGETS)[number];

/** Settings the ECS Service Connect targets read (with or without VPC Lattice). */
export interface ServiceConnectOptions {
  /**
   * The Cloud Map HTTP namespace the plan creates for the services. @default the mesh's name.
   * A new namespace keeps the App Mesh environment's namespace (and its DNS names) untouched.
   */
  readonly namespace?: string;
  /**
   * An existing namespace (name or ARN, any type: HTTP or private DNS) to use instead of creating
   * one. The plan never creates, changes or deletes it.
   */
  readonly existingNamespace?: string;
  /**
   * TLS between the Service Connect proxies, issued by AWS Private CA. Required when a listener of
   * the definition has TLS: without it the traffic would silently become plaintext.
   */
  readonly tls?: ServiceConnectTlsOptions;
  /**
   * Added to every name the plan creates (ECS services, task definition families, IAM roles, the
   * security group, the log group, a created cluster) and to the plan's name, so the Service
   * Connect environment runs beside the App Mesh one instead of taking over its resources.
   * `''` keeps the names as they are (a new environment with nothing to migrate); the plan is then
   * named `<plan>.service-connect`, never the App Mesh plan's name. @default '-sc'
   */
  readonly nameSuffix?: string;
}

export interface ServiceConnectTlsOptions {
  /** `arn:aws:acm-pca:<region>:<account>:certificate-authority/<id>` */
  readonly certificateAuthorityArn: string;
  /** KMS key (ARN or id) for the certificates' private keys. @default an AWS managed key */
  readonly kmsKey?: string;
  /**
   * The ECS infrastructure role ECS uses to issue certificates. @default a role the plan creates,
   * `<mesh>-ecs-infrastructure-role<nameSuffix>`, trusted by ecs.amazonaws.com, with
   * AmazonECSInfrastructureRolePolicyForServiceConnectTransportLayerSecurity attached.
   */
  readonly roleArn?: string;
}

/** The targets with VPC Lattice services. */
export const LATTICE_TARGETS: readonly Target[] = Object.freeze([
  'service-connect+vpc-lattice',
  'vpc-lattice',
]);

/** Settings the VPC Lattice targets read (`vpc-lattice`, `service-connect+vpc-lattice`). */
export interface VpcLatticeOptions {
  /**
   * `AWS_IAM`: the service network and every Lattice service check the caller's IAM identity.
   * Each service's auth policy allows exactly the task roles of the nodes that list it as a
   * backend (App Mesh's allow-list), each of those roles may invoke exactly those services, and
   * callers must sign their requests with SigV4. @default 'NONE' (any caller in the VPC)
   */
  readonly auth?: 'NONE' | 'AWS_IAM';
  /**
   * Target `vpc-lattice` only (the combined target takes `serviceConnect.nameSuffix`): added to
   * every name the plan creates and to the plan's name, so the Lattice environment runs beside the
   * App Mesh and Service Connect ones. `''` keeps the names; the plan is then named
   * `<plan>.vpc-lattice`. @default '-lattice'
   */
  readonly nameSuffix?: string;
}

export interface PlanOptions {
  /** @default 'app-mesh' */
  readonly target?: Target;
  readonly serviceConnect?: ServiceConnectOptions;
  readonly vpcLattice?: VpcLatticeOptions;
}
