/**
 * What `plan(definition, options)` compiles to. The definition is target-neutral; the target and
 * its own settings (which Cloud Map namespace, which certificate authority) are chosen here.
 */

/**
 * The platforms a definition compiles to. `service-connect+vpc-lattice`: the Service Connect plan,
 * with every virtual service a router provides on VPC Lattice, which keeps its routes.
 */
export const TARGETS = Object.freeze(['app-mesh', 'service-connect', 'service-connect+vpc-lattice'] as const);
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

export interface PlanOptions {
  /** @default 'app-mesh' */
  readonly target?: Target;
  readonly serviceConnect?: ServiceConnectOptions;
}
