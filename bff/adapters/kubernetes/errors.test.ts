// KubeError from Status bodies, plain answers, client-node's ApiException and network failures.
import { ApiException } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { KubeError, isKubeError, kubeErrorFromNetwork, kubeErrorFromStatus, toKubeError } from './errors';

const status = (code: number, reason: string, message: string, details?: unknown) =>
  JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', code, reason, message, details });

describe('kubeErrorFromStatus', () => {
  it('keeps the Status code, reason, message and field causes', () => {
    const err = kubeErrorFromStatus(
      422,
      status(422, 'Invalid', 'ConfigMap "x" is invalid', { causes: [{ field: 'metadata.name', reason: 'FieldValueInvalid', message: 'bad name' }] }),
    );
    expect(err).toBeInstanceOf(KubeError);
    expect([err.code, err.reason, err.message]).toEqual([422, 'Invalid', 'ConfigMap "x" is invalid']);
    expect(err.causes).toEqual([{ field: 'metadata.name', reason: 'FieldValueInvalid', message: 'bad name' }]);
  });

  it('falls back to the HTTP code when the body is not a Status, and never copies the raw body', () => {
    const err = kubeErrorFromStatus(409, '<html>token=abc</html>');
    expect([err.code, err.reason]).toEqual([409, 'Conflict']);
    expect(err.message).not.toContain('token');
    expect(kubeErrorFromStatus(410, '').expired).toBe(true);
    expect(kubeErrorFromStatus(599, '').reason).toBe('InternalError');
  });
});

describe('toKubeError', () => {
  it('translates client-node ApiException (JSON text body)', () => {
    const err = toKubeError(new ApiException(404, 'Unknown API Status Code!', status(404, 'NotFound', 'pods "p" not found'), {}));
    expect([err.code, err.reason, err.message, err.notFound]).toEqual([404, 'NotFound', 'pods "p" not found', true]);
    expect(isKubeError(err, 'NotFound') && isKubeError(err, 404)).toBe(true);
    expect(isKubeError(err, 'Conflict')).toBe(false);
  });

  it('keeps a KubeError and wraps anything else as a 500', () => {
    const own = new KubeError(403, 'Forbidden', 'no');
    expect(toKubeError(own)).toBe(own);
    expect([toKubeError(new Error('boom')).code, toKubeError('x').reason]).toEqual([500, 'InternalError']);
  });

  it('says which server could not be reached and why, without credentials', () => {
    const err = kubeErrorFromNetwork(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'https://k8s.example:6443');
    expect([err.code, err.reason]).toEqual([503, 'ServiceUnavailable']);
    expect(err.message).toBe('Kubernetes API at https://k8s.example:6443 could not be reached (ECONNREFUSED)');
  });
});
