// The debugger's URL scheme (the Temporal UI's): every namespace, workflow ID and run ID is a
// single percent-encoded path segment.
import { manifest } from './manifest';

const seg = encodeURIComponent;

export function workflowsUrl(query?: string, namespace = manifest().namespace): string {
  const base = `/namespaces/${seg(namespace)}/workflows`;
  return query ? `${base}?query=${seg(query)}` : base;
}

export function workflowUrl(workflowId: string, namespace = manifest().namespace): string {
  return `/namespaces/${seg(namespace)}/workflows/${seg(workflowId)}`;
}

export function runUrl(workflowId: string, runId: string, namespace = manifest().namespace): string {
  return `${workflowUrl(workflowId, namespace)}/${seg(runId)}`;
}

export function historyUrl(workflowId: string, runId: string, namespace = manifest().namespace): string {
  return `${runUrl(workflowId, runId, namespace)}/history`;
}

/** `^…$` regex for a path (plus optional query/fragment), for `toHaveURL`. */
export function pathPattern(path: string): RegExp {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^https?://[^/]+${escaped}(?:[?#].*)?$`);
}
