/**
 * IAM policy documents, as the JSON strings IAM takes. Built from object literals, so the key
 * order (and therefore the string) is fixed.
 */

/** Trust policy of every role here: ECS tasks assume it (aws-facts 6). */
export const ECS_TASKS_TRUST_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' },
  ],
});

/** Trust policy of the ECS infrastructure role: ECS itself assumes it (Service Connect TLS). */
export const ECS_TRUST_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

/** Envoy may fetch exactly these nodes' or gateways' configuration (proxy authorization). */
export function envoyAccessPolicy(resourceArns: readonly string[]): string {
  // One per task role: a template is several times cheaper than stringifying a fresh object.
  const statement = `{"Effect":"Allow","Action":"appmesh:StreamAggregatedResources","Resource":${JSON.stringify(resourceArns)}}`;
  return `{"Version":"2012-10-17","Statement":[${statement}]}`;
}

/** What ECS Exec needs on the task role. */
export const ECS_EXEC_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: [
        'ssmmessages:CreateControlChannel',
        'ssmmessages:CreateDataChannel',
        'ssmmessages:OpenControlChannel',
        'ssmmessages:OpenDataChannel',
      ],
      Resource: '*',
    },
  ],
});

/** AmazonECSTaskExecutionRolePolicy lacks logs:CreateLogGroup; allow it on the mesh's group only. */
export function createLogGroupPolicy(logGroupArn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'logs:CreateLogGroup', Resource: logGroupArn }],
  });
}
