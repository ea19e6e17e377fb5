// The Go-template subset of manifests: role branches, values and pipelines, errors by line.
import { describe, expect, it } from 'vitest';
import { manifestTemplateData, renderTemplate } from './template';

const ADMIN_IF = '{{- if and .Values.admin .Values.bfl.username (eq .Values.admin .Values.bfl.username) }}';

describe('manifest templates', () => {
  const src = `spec:\n  ${ADMIN_IF}\n  requiredMemory: 4Gi\n  {{- else }}\n  requiredMemory: 64Mi\n  {{- end }}\n  supportArch: [amd64]\n`;

  it('renders the admin branch for an admin, the other for a member', () => {
    const admin = renderTemplate(src, manifestTemplateData());
    expect(admin).toEqual({ ok: true, text: 'spec:\n  requiredMemory: 4Gi\n  supportArch: [amd64]\n' });
    const member = renderTemplate(src, manifestTemplateData({ owner: 'bob', admin: 'alice' }));
    expect(member).toEqual({ ok: true, text: 'spec:\n  requiredMemory: 64Mi\n  supportArch: [amd64]\n' });
  });

  it('prints values, .Release.Name and pipelines', () => {
    const data = manifestTemplateData({ owner: 'bob', releaseName: 'notes', values: { x: { y: 3 } } });
    expect(renderTemplate('a: {{ .Values.bfl.username }}-{{ .Release.Name }}', data)).toEqual({ ok: true, text: 'a: bob-notes' });
    expect(renderTemplate('{{ .Values.missing | default "d" }} {{ .Values.x.y }} {{ quote .Values.admin }}', data)).toEqual({ ok: true, text: 'd 3 "bob"' });
    expect(renderTemplate('{{ if not .Values.missing }}yes{{ else if .Values.admin }}no{{ end }}', data)).toEqual({ ok: true, text: 'yes' });
    expect(renderTemplate('{{/* a comment */}}x{{- /* trimmed */ -}} y', data)).toEqual({ ok: true, text: 'xy' });
  });

  it('leaves text without actions alone', () => {
    expect(renderTemplate('a: "{ not a template }"', {})).toEqual({ ok: true, text: 'a: "{ not a template }"' });
  });

  it('reports broken templates with their line', () => {
    expect(renderTemplate('a\n{{ if .Values.x }}\nb\n', {})).toEqual({ ok: false, line: 2, reason: '"if" without "end"' });
    expect(renderTemplate('{{ end }}', {})).toMatchObject({ ok: false, reason: '"end" without "if"' });
    expect(renderTemplate('x\ny {{ nope .Values }}', {})).toEqual({ ok: false, line: 2, reason: 'unknown template function "nope"' });
    expect(renderTemplate('{{ range .Values.list }}{{ end }}', {})).toMatchObject({ ok: false, reason: expect.stringContaining('not supported') });
    expect(renderTemplate('{{ .Values.x', {})).toMatchObject({ ok: false, reason: expect.stringContaining('unclosed') });
  });
});
