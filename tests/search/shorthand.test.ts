import { describe, expect, it } from "vitest";
import { stem } from "../../src/search/normalize.ts";
import { expandShorthand } from "../../src/search/shorthand.ts";

describe("shorthand written out as the articles write it", () => {
  it.each([
    ["500b", "500 billion"],
    ["$500bn", "500 billion"],
    ["500 bn", "500 billion"],
    ["13b", "13 billion"],
    ["$650m", "650 million"],
    ["650 mn", "650 million"],
    ["jan 2025", "january 2025"],
    ["sept 2024", "september 2024"],
    ["$13 billion", "13 billion"],
  ])("%s → %s", (typed, written) => {
    expect(expandShorthand(typed)).toBe(written);
  });

  it("leaves everything else alone, and never converts a figure", () => {
    expect(expandShorthand("m and b alone")).toBe("m and b alone");
    expect(expandShorthand("the 2019 deal")).toBe("the 2019 deal");
    expect(expandShorthand("1500m")).toBe("1500 million");
  });
});

describe("stem", () => {
  it("meets short roots that drop an e, and no more", () => {
    expect(stem("fired")).toBe(stem("fire"));
    expect(stem("firing")).toBe(stem("fire"));
    expect(stem("hiring")).toBe(stem("hired"));
    expect(stem("added")).toBe("added");
    expect(stem("announced")).toBe(stem("announcement"));
  });
});
