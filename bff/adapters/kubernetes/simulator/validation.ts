// Validation before storing: names, labels and the few spec rules a client is likely to get wrong; failures become 422 Invalid.
import { invalid, type FieldError } from './errors';
import { isRecord } from './json';
import { checkDns1035, checkLabel, checkLabelKey, checkLabelValue, checkSubdomain } from './names';
import { isQuantity } from './quantity';
import type { ResourceType } from './resources';
import { fromLabelSelectorSpec, matchesLabels } from './selectors';
import type { KubeObject } from './types';

function nameRule(r: ResourceType): (name: string) => string | undefined {
  if (r.kind === 'Namespace') return checkLabel;
  if (r.kind === 'Service') return checkDns1035;
  return checkSubdomain;
}

function checkMeta(r: ResourceType, obj: KubeObject, errs: FieldError[]): void {
  const { name, labels, annotations } = obj.metadata;
  if (!name) {
    errs.push({ field: 'metadata.name', type: 'Required value', detail: 'name or generateName is required' });
  } else {
    const problem = nameRule(r)(name);
    if (problem) errs.push({ field: 'metadata.name', type: 'Invalid value', value: name, detail: problem });
  }
  if (labels !== undefined && !isRecord(labels)) errs.push({ field: 'metadata.labels', type: 'Invalid value', value: labels, detail: 'must be a map of strings' });
  for (const [k, v] of Object.entries(isRecord(labels) ? labels : {})) {
    const keyProblem = checkLabelKey(k);
    if (keyProblem) errs.push({ field: 'metadata.labels', type: 'Invalid value', value: k, detail: keyProblem });
    const valueProblem = typeof v === 'string' ? checkLabelValue(v) : 'must be a string';
    if (valueProblem) errs.push({ field: `metadata.labels`, type: 'Invalid value', value: v, detail: valueProblem });
  }
  for (const [k, v] of Object.entries(isRecord(annotations) ? annotations : {})) {
    const keyProblem = checkLabelKey(k);
    if (keyProblem) errs.push({ field: 'metadata.annotations', type: 'Invalid value', value: k, detail: keyProblem });
    if (typeof v !== 'string') errs.push({ field: `metadata.annotations`, type: 'Invalid value', value: v, detail: 'must be a string' });
  }
}

function checkContainers(list: unknown, path: string, required: boolean, errs: FieldError[]): void {
  if (list === undefined && !required) return;
  if (!Array.isArray(list) || (required && list.length === 0)) {
    errs.push({ field: path, type: 'Required value' });
    return;
  }
  const seen = new Set<string>();
  list.forEach((c: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!isRecord(c)) {
      errs.push({ field: at, type: 'Invalid value', value: c, detail: 'must be an object' });
      return;
    }
    if (typeof c.name !== 'string' || c.name === '') errs.push({ field: `${at}.name`, type: 'Required value' });
    else {
      const problem = checkLabel(c.name);
      if (problem) errs.push({ field: `${at}.name`, type: 'Invalid value', value: c.name, detail: problem });
      if (seen.has(c.name)) errs.push({ field: `${at}.name`, type: 'Duplicate value', value: c.name });
      seen.add(c.name);
    }
    if (typeof c.image !== 'string' || c.image === '') errs.push({ field: `${at}.image`, type: 'Required value' });
    const res = isRecord(c.resources) ? c.resources : {};
    for (const kind of ['requests', 'limits'] as const) {
      const values = res[kind];
      for (const [k, v] of Object.entries(isRecord(values) ? values : {})) {
        if (!isQuantity(v)) errs.push({ field: `${at}.resources.${kind}[${k}]`, type: 'Invalid value', value: v, detail: 'must be a quantity' });
      }
    }
  });
}

function checkPodSpec(spec: unknown, path: string, errs: FieldError[]): void {
  if (!isRecord(spec)) {
    errs.push({ field: path, type: 'Required value' });
    return;
  }
  checkContainers(spec.containers, `${path}.containers`, true, errs);
  checkContainers(spec.initContainers, `${path}.initContainers`, false, errs);
}

function checkWorkload(r: ResourceType, obj: KubeObject, errs: FieldError[]): void {
  const spec = obj.spec ?? {};
  if (spec.replicas !== undefined && (typeof spec.replicas !== 'number' || !Number.isInteger(spec.replicas) || spec.replicas < 0)) {
    errs.push({ field: 'spec.replicas', type: 'Invalid value', value: spec.replicas, detail: 'must be greater than or equal to 0' });
  }
  const template = isRecord(spec.template) ? spec.template : undefined;
  if (!template) {
    errs.push({ field: 'spec.template', type: 'Required value' });
    return;
  }
  checkPodSpec(template.spec, 'spec.template.spec', errs);
  if (r.kind === 'Job') return;
  const selector = spec.selector;
  if (!isRecord(selector) || (!isRecord(selector.matchLabels) && !Array.isArray(selector.matchExpressions))) {
    errs.push({ field: 'spec.selector', type: 'Required value' });
    return;
  }
  const meta = isRecord(template.metadata) ? template.metadata : {};
  const labels = isRecord(meta.labels) ? (meta.labels as Record<string, string>) : {};
  if (!matchesLabels(fromLabelSelectorSpec(selector), labels)) {
    errs.push({ field: 'spec.template.metadata.labels', type: 'Invalid value', value: labels, detail: '`selector` does not match template `labels`' });
  }
}

function checkService(obj: KubeObject, errs: FieldError[]): void {
  const ports = obj.spec?.ports;
  if (ports === undefined) return;
  if (!Array.isArray(ports)) {
    errs.push({ field: 'spec.ports', type: 'Invalid value', value: ports, detail: 'must be a list' });
    return;
  }
  ports.forEach((p: unknown, i) => {
    const port = isRecord(p) ? p.port : undefined;
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
      errs.push({ field: `spec.ports[${i}].port`, type: 'Invalid value', value: port, detail: 'must be between 1 and 65535, inclusive' });
    }
  });
}

/** Throws 422 Invalid when the object may not be stored. */
export function validate(r: ResourceType, obj: KubeObject): void {
  const errs: FieldError[] = [];
  checkMeta(r, obj, errs);
  switch (r.kind) {
    case 'Pod':
      checkPodSpec(obj.spec, 'spec', errs);
      break;
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
      checkWorkload(r, obj, errs);
      break;
    case 'CronJob': {
      const spec = obj.spec ?? {};
      if (typeof spec.schedule !== 'string' || spec.schedule === '') errs.push({ field: 'spec.schedule', type: 'Required value' });
      const jobTemplate = isRecord(spec.jobTemplate) ? spec.jobTemplate : {};
      const jobSpec = isRecord(jobTemplate.spec) ? jobTemplate.spec : {};
      const template = isRecord(jobSpec.template) ? jobSpec.template : {};
      checkPodSpec(template.spec, 'spec.jobTemplate.spec.template.spec', errs);
      break;
    }
    case 'Service':
      checkService(obj, errs);
      break;
  }
  if (errs.length > 0) throw invalid(r, obj.metadata.name ?? '', errs);
}
