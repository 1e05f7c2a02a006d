import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalize } from "../../src/search/normalize.ts";
import { binaryString } from "../helpers/arbitraries.ts";

/** The full Unicode normalisation, which plain ASCII text skips. */
function reference(text: string): string {
  return text
    .replace(/<[@#!][^>]*>?|@(?:everyone|here|channel)/gi, " ")
    .replace(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the same characters as normalize
      /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g,
      " ",
    )
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[’']/g, "")
    .replace(/[^\p{L}\p{N}$]+/gu, " ")
    .trim();
}

describe("normalize", () => {
  it("gives plain ASCII text the same words as the full normalisation", () => {
    const ascii = fc.string({
      unit: fc.integer({ min: 0x20, max: 0x7e }).map(String.fromCharCode),
    });
    fc.assert(
      fc.property(ascii, (text) => {
        expect(normalize(text)).toBe(reference(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("still normalises everything else", () => {
    fc.assert(
      fc.property(binaryString(), (text) => {
        expect(normalize(text)).toBe(reference(text));
      }),
      { numRuns: 2000 },
    );
    expect(normalize("Microsoft’s  Café <@U123> @here")).toBe("microsofts cafe");
    expect(normalize("It's $13 BILLION!")).toBe("its $13 billion");
  });
});
