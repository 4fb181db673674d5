/** Resource paths used in issues and plan ids: `mesh/color-mesh/virtualNode/blue`. */
export const paths = Object.freeze({
  mesh: (mesh: string) => `mesh/${mesh}`,
  virtualNode: (mesh: string, node: string) => `mesh/${mesh}/virtualNode/${node}`,
  virtualService: (mesh: string, service: string) => `mesh/${mesh}/virtualService/${service}`,
  virtualRouter: (mesh: string, router: string) => `mesh/${mesh}/virtualRouter/${router}`,
  route: (mesh: string, router: string, route: string) =>
    `mesh/${mesh}/virtualRouter/${router}/route/${route}`,
  virtualGateway: (mesh: string, gateway: string) => `mesh/${mesh}/virtualGateway/${gateway}`,
  gatewayRoute: (mesh: string, gateway: string, route: string) =>
    `mesh/${mesh}/virtualGateway/${gateway}/gatewayRoute/${route}`,
  cloudMapNamespace: (namespace: string) => `cloudMap/namespace/${namespace}`,
  cloudMapHttpNamespace: (namespace: string) => `cloudMap/httpNamespace/${namespace}`,
  cloudMapService: (namespace: string, service: string) =>
    `cloudMap/namespace/${namespace}/service/${service}`,
  ecsEnvironment: (mesh: string) => `mesh/${mesh}/ecs`,
  nodeTask: (mesh: string, node: string) => `mesh/${mesh}/virtualNode/${node}/task`,
  gatewayTask: (mesh: string, gateway: string) => `mesh/${mesh}/virtualGateway/${gateway}/task`,
});
