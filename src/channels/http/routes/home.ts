// The front page (/): what this server offers, in zh-CN and en, with links (the web apps will be added here).
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';

const LINKS: [path: string, en: string, zh: string][] = [
  ['/docs', 'API documentation', 'API 文档'],
  ['/openapi.json', 'OpenAPI 3.1 description', 'OpenAPI 3.1 描述'],
  ['/healthz', 'Liveness', '存活检查'],
  ['/readyz', 'Readiness (database)', '就绪检查（数据库）'],
  ['/metrics', 'Prometheus metrics', 'Prometheus 指标'],
];

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>mwallet</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#111}
a{color:#0b57d0}li{margin:.25rem 0}</style></head>
<body><h1>mwallet</h1>
<p>Open-source mobile money platform. <span lang="zh-CN">开源移动钱包平台。</span></p>
<ul>${LINKS.map(([path, en, zh]) => `<li><a href="${path}">${en}</a> · <span lang="zh-CN">${zh}</span></li>`).join('')}</ul>
</body></html>`;

export function registerHomeRoute(app: FastifyInstance): void {
  app.get(
    '/',
    {
      schema: {
        tags: ['operations'],
        summary: 'Front page with links to the documentation and the operations endpoints',
        produces: ['text/html'],
        response: { 200: Type.String({ description: 'HTML page' }) },
      },
    },
    async (_request, reply) => reply.type('text/html; charset=utf-8').send(PAGE),
  );
}
