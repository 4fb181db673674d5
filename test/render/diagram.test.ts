import { describe, expect, it } from 'vitest';
import { renderMermaid, renderMermaidFile } from '../../src/render/diagram.js';
import { colorPlan } from './color-plan.js';
import { smallPlan } from './fixtures.js';

describe('renderMermaid', () => {
  const text = renderMermaid(colorPlan);

  it('draws the router weights of the color route', () => {
    expect(text).toContain('router_color_router -- "color-route: 80% (weight 4)" --> node_green');
    expect(text).toContain('router_color_router -- "color-route: 20% (weight 1)" --> node_yellow');
  });

  it('draws gateway -> gateway route (with its prefix) -> virtual service -> provider', () => {
    expect(text).toContain(
      'gatewayRoute_color_gateway_color_gateway_route_1["color-gateway-route-1<br/>prefix /router"]',
    );
    expect(text).toContain('gateway_color_gateway --> gatewayRoute_color_gateway_color_gateway_route_1');
    expect(text).toContain(
      'gatewayRoute_color_gateway_color_gateway_route_1 --> service_router_colors_local',
    );
    expect(text).toContain('gatewayRoute_color_gateway_color_gateway_route_2 --> service_blue_colors_local');
    expect(text).toContain('service_router_colors_local --> router_color_router');
    expect(text).toContain('service_red_colors_local --> node_red');
  });

  it('draws backends as dashed edges', () => {
    expect(text).toContain('node_blue -.-> service_red_colors_local');
    expect(text).toContain('node_red -.-> service_router_colors_local');
  });

  it('starts as a flowchart and declares every node once', () => {
    const lines = text.split('\n');
    expect(lines[1]).toBe('flowchart LR');
    const declared = lines.filter((l) => /^ {2}\w+[[({]/.test(l)).map((l) => l.trim().split(/[[({]/)[0]);
    expect(new Set(declared).size).toBe(declared.length);
  });

  it('escapes quotes in labels', () => {
    expect(renderMermaid(smallPlan)).toContain('prefix /#quot;web#quot;');
  });

  it('is deterministic and written as mesh.mmd', () => {
    expect(renderMermaid(colorPlan)).toBe(text);
    expect(renderMermaidFile(colorPlan)).toEqual({ path: 'mesh.mmd', contents: text });
  });
});
