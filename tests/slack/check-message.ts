/**
 * Checks a rendered or sent Slack message against Block Kit's limits and against mention
 * injection. Written from Slack's documented limits, independently of the renderer's own table,
 * so a wrong entry in `limits.ts` cannot hide a violation.
 */

const LIMITS = {
  blocks: 50,
  headerText: 150,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  textObject: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  id: 255,
  fallbackText: 40_000,
};

interface TextObject {
  type?: string;
  text?: string;
}

interface AnyBlock {
  type?: string;
  text?: TextObject;
  fields?: TextObject[];
  elements?: ButtonLike[];
  accessory?: ButtonLike;
  block_id?: string;
}

interface ButtonLike {
  type?: string;
  text?: TextObject | string;
  value?: string;
  action_id?: string;
}

/** What a button breaks: its label, value and action_id. */
function buttonViolations(at: string, e: ButtonLike): string[] {
  const out: string[] = [];
  const label = typeof e.text === "object" ? e.text.text : undefined;
  if (e.type !== "button") out.push(`${at}: unexpected element ${e.type}`);
  if (!label || label.length > LIMITS.buttonText) out.push(`${at}: button text`);
  if (e.value !== undefined && e.value.length > LIMITS.buttonValue) out.push(`${at}: button value`);
  if (!e.action_id || e.action_id.length > LIMITS.id) out.push(`${at}: action_id`);
  return out;
}

/** Every limit a message breaks, as readable strings; empty when it is within all of them. */
export function limitViolations(message: { blocks?: unknown; text?: unknown }): string[] {
  const out: string[] = [];
  const blocks = (message.blocks ?? []) as AnyBlock[];
  if (typeof message.text !== "string" || message.text.trim() === "") out.push("no fallback text");
  else if (message.text.length > LIMITS.fallbackText) out.push("fallback text too long");
  if (blocks.length > LIMITS.blocks) out.push(`${blocks.length} blocks`);
  blocks.forEach((block, i) => {
    const at = `block ${i} (${block.type})`;
    if (block.block_id !== undefined && block.block_id.length > LIMITS.id)
      out.push(`${at}: block_id`);
    const text = block.text?.text;
    switch (block.type) {
      case "header":
        if (block.text?.type !== "plain_text") out.push(`${at}: header must be plain_text`);
        if (!text || text.length > LIMITS.headerText)
          out.push(`${at}: header length ${text?.length}`);
        break;
      case "section":
        if (!text && !block.fields?.length) out.push(`${at}: empty section`);
        if (text !== undefined && (text.length === 0 || text.length > LIMITS.sectionText))
          out.push(`${at}: section text length ${text.length}`);
        if ((block.fields?.length ?? 0) > LIMITS.fields) out.push(`${at}: fields`);
        for (const f of block.fields ?? [])
          if ((f.text?.length ?? 0) > LIMITS.fieldText) out.push(`${at}: field length`);
        if (block.accessory) out.push(...buttonViolations(`${at} accessory`, block.accessory));
        break;
      case "context":
        if (!block.elements?.length || block.elements.length > LIMITS.contextElements)
          out.push(`${at}: ${block.elements?.length ?? 0} context elements`);
        for (const e of block.elements ?? []) {
          const t = typeof e.text === "string" ? e.text : undefined;
          if (!t || t.length > LIMITS.textObject)
            out.push(`${at}: context text length ${t?.length}`);
        }
        break;
      case "actions":
        if (!block.elements?.length || block.elements.length > LIMITS.actionsElements)
          out.push(`${at}: actions elements`);
        for (const e of block.elements ?? []) out.push(...buttonViolations(at, e));
        break;
      case "divider":
        break;
      default:
        out.push(`${at}: unexpected block type`);
    }
  });
  return out;
}

/** Every string anywhere in a JSON value. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === "object") return Object.values(value).flatMap(stringsIn);
  return [];
}

/**
 * Strings that could ping or link: a raw `<` or `>` (Slack's `<!channel>`, `<@U…>`,
 * `<!subteam^…>`, links), an `&` that does not start one of the three entities, or a bare
 * `@here`/`@channel`/`@everyone`.
 */
export function unsafeStrings(value: unknown): string[] {
  return stringsIn(value).filter(
    (s) =>
      /[<>]/.test(s) ||
      /&(?!(amp|lt|gt);)/.test(s) ||
      /(^|[^\w])@(here|channel|everyone)\b/i.test(s) ||
      /<!|<@|<#/.test(s),
  );
}
