// A small consumer of the v2 API: renders a Georgian article from the API's JSON alone,
// typed by `api-v2.ts`, which `openapi-typescript` generates from /api/v2/openapi.json
// (tests/test_api_clients.py generates it and type-checks this file with `tsc --noEmit`):
//   node_modules/.bin/openapi-typescript http://127.0.0.1:8000/api/v2/openapi.json -o api-v2.ts
import type { components } from "./api-v2";

type Schemas = components["schemas"];
export type Article = Schemas["NewsArticlePage"];
export type Navigation = Schemas["Navigation"];
type Block = NonNullable<Article["body"]>[number];

const escape = (text: string): string =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function renderBlock(block: Block): string {
  switch (block.type) {
    case "paragraph":
      return block.value; // clean HTML, links already resolved
    case "heading":
      return `<${block.value.level || "h2"}>${escape(block.value.text ?? "")}</${block.value.level || "h2"}>`;
    case "quote":
      return `<blockquote><p>${escape(block.value.text ?? "")}</p><cite>${escape(
        block.value.attribution ?? "",
      )}${block.value.role ? ", " + escape(block.value.role) : ""}</cite></blockquote>`;
    case "image": {
      const medium = block.value.renditions.medium;
      return medium
        ? `<figure><img src="${medium.url}" alt="${escape(block.value.alt)}" width="${medium.width}" height="${medium.height}"><figcaption>${escape(block.value.caption)}</figcaption></figure>`
        : "";
    }
    case "contact":
      return `<address>${escape(block.value.name ?? "")} ${escape(block.value.email ?? "")}</address>`;
    case "document":
      return block.value.url ? `<a href="${block.value.url}">${escape(block.value.title)}</a>` : "";
    case "embed":
      return block.value ? `<a href="${block.value}">${escape(block.value)}</a>` : "";
  }
}

export function renderArticle(article: Article): string {
  const body = (article.body ?? []).map(renderBlock).join("\n");
  const date = article.date_display ?? "";
  const links = (article.meta?.alternates ?? [])
    .map((alternate) => `<link rel="alternate" hreflang="${alternate.locale}" href="${alternate.html_path ?? ""}">`)
    .join("");
  return `<article lang="${article.meta?.locale ?? "ka"}">${links}<h1>${escape(article.title ?? "")}</h1><time datetime="${article.date ?? ""}">${escape(date)}</time>${body}</article>`;
}

export function renderMenu(navigation: Navigation): string {
  const items = (entries: Navigation["items"]): string =>
    entries
      .map((item) => `<li><a href="${item.html_path ?? ""}">${escape(item.title)}</a>${item.children.length ? `<ul>${items(item.children)}</ul>` : ""}</li>`)
      .join("");
  return `<nav><ul>${items(navigation.items)}</ul></nav>`;
}
