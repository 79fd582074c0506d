// The front page (/): what this server offers, in zh-CN and en, with links to the web apps and the operations endpoints.
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';

const LINKS: [path: string, en: string, zh: string][] = [
  ['/docs', 'API documentation', 'API 文档'],
  ['/openapi.json', 'OpenAPI 3.1 description', 'OpenAPI 3.1 描述'],
  ['/healthz', 'Liveness', '存活检查'],
  ['/readyz', 'Readiness (database)', '就绪检查（数据库）'],
  ['/metrics', 'Prometheus metrics', 'Prometheus 指标'],
];

const WEB_APP_NAMES: Record<string, [en: string, zh: string]> = {
  wallet: ['Customer wallet', '用户钱包'],
  merchant: ['Merchant portal', '商户平台'],
  console: ['Operator console', '运营控制台'],
};

const linkList = (links: [path: string, en: string, zh: string][]) =>
  `<ul>${links.map(([path, en, zh]) => `<li><a href="${path}">${en}</a> · <span lang="zh-CN">${zh}</span></li>`).join('')}</ul>`;

function page(webApps: readonly string[]): string {
  const appLinks = webApps.map((name): [string, string, string] => {
    const [en, zh] = WEB_APP_NAMES[name] ?? [name, name];
    return [`/${name}/`, en, zh];
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>mwallet</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#111}
a{color:#0b57d0}li{margin:.25rem 0}</style></head>
<body><h1>mwallet</h1>
<p>Open-source mobile money platform. <span lang="zh-CN">开源移动钱包平台。</span></p>
${appLinks.length > 0 ? `<h2>Apps · <span lang="zh-CN">应用</span></h2>${linkList(appLinks)}` : ''}
<h2>Operations · <span lang="zh-CN">运维</span></h2>${linkList(LINKS)}
</body></html>`;
}

/** The front page, linking the built web apps (`wallet`, `merchant`, `console`) and the operations endpoints. */
export function registerHomeRoute(app: FastifyInstance, webApps: readonly string[]): void {
  const html = page(webApps);
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
    async (_request, reply) => reply.type('text/html; charset=utf-8').send(html),
  );
}
