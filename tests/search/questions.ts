/**
 * Questions a team following the partnership would ask, with the facts a good answer shows.
 * An answer passes when it states at least one expected fact (among the facts it shows), and
 * every fact it states names its sources. Misspellings and aliases are part of the set.
 */
export const QUESTIONS: { q: string; expect: string[] }[] = [
  // Stargate
  { q: "stargate", expect: ["stargate-announced-jan-2025", "stargate-what-it-is"] },
  { q: "Stargate", expect: ["stargate-announced-jan-2025"] },
  { q: "star gate", expect: ["stargate-announced-jan-2025"] },
  { q: "stargat", expect: ["stargate-announced-jan-2025", "stargate-what-it-is"] },
  { q: "what is stargate", expect: ["stargate-what-it-is"] },
  {
    q: "who announced stargate",
    expect: ["stargate-altman-unveiled", "stargate-trump-announced", "stargate-white-house-podium"],
  },
  { q: "how much is stargate worth", expect: ["stargate-500-billion"] },
  { q: "who is funding stargate", expect: ["stargate-backers", "stargate-openai-funds-too"] },
  { q: "where was nadella during the stargate announcement", expect: ["nadella-in-davos"] },
  { q: "$500 billion", expect: ["stargate-500-billion"] },
  { q: "data center project microsoft shelved", expect: ["shelved-data-center-project"] },
  // A topic named with words the base does not know stays on the topic.
  { q: "stargate news", expect: ["stargate-what-it-is", "stargate-announced-jan-2025"] },
  { q: "stargate update please", expect: ["stargate-what-it-is", "stargate-announced-jan-2025"] },
  { q: "[x](http://evil) stargate", expect: ["stargate-what-it-is"] },
  { q: "stargate <script>alert(1)</script>", expect: ["stargate-what-it-is"] },
  // Money
  {
    q: "how much has microsoft invested",
    expect: ["over-13-billion", "first-billion-2019", "later-ten-billion"],
  },
  {
    q: "how much did microsoft invest in openai",
    expect: ["over-13-billion", "first-billion-2019"],
  },
  { q: "when did microsoft first invest", expect: ["first-billion-2019"] },
  { q: "$13 billion", expect: ["over-13-billion"] },
  { q: "10 billion", expect: ["later-ten-billion"] },
  { q: "capped profit", expect: ["capped-profit-terms"] },
  { q: "investmnet", expect: ["over-13-billion", "first-billion-2019"] },
  { q: "largest backer of openai", expect: ["largest-backer"] },
  // Governance and board
  { q: "board seat", expect: ["board-seat-non-voting", "board-seat-none-at-ouster"] },
  {
    q: "does microsoft have a board seat",
    expect: ["board-seat-non-voting", "board-seat-none-at-ouster"],
  },
  { q: "non-voting seat", expect: ["board-seat-non-voting"] },
  { q: "can openai cut off microsoft's access to its models", expect: ["openai-can-limit-access"] },
  // Ouster
  { q: "ouster", expect: ["altman-fired-and-rehired"] },
  { q: "when was altman fired", expect: ["altman-fired-and-rehired"] },
  { q: "how did nadella find out about the firing", expect: ["microsoft-blindsided"] },
  { q: "altman firing 2023", expect: ["altman-fired-and-rehired"] },
  // Inflection / Suleyman
  { q: "suleiman", expect: ["inflection-650m", "recruited-suleyman-secretly"] },
  { q: "suleyman", expect: ["inflection-650m", "recruited-suleyman-secretly"] },
  { q: "Mustafa Suleyman", expect: ["inflection-650m", "recruited-suleyman-secretly"] },
  { q: "sulayman", expect: ["inflection-650m", "recruited-suleyman-secretly"] },
  { q: "inflection", expect: ["inflection-650m"] },
  { q: "did microsoft buy inflection", expect: ["inflection-650m"] },
  { q: "$650 million", expect: ["inflection-650m"] },
  {
    q: "is microsoft building its own models",
    expect: ["microsoft-own-models", "suleyman-builds-llm"],
  },
  {
    q: "microsoft in-house ai team",
    expect: ["in-house-team-from-openai", "microsoft-own-models"],
  },
  { q: "deepmind cofounder", expect: ["recruited-suleyman-secretly"] },
  // CEOs
  { q: "nadella", expect: ["ceos-weekly-call", "nadella-in-davos", "ceo-ties-cooled"] },
  { q: "satya nadella", expect: ["ceos-weekly-call", "nadella-in-davos", "ceo-ties-cooled"] },
  { q: "altman", expect: ["ceos-weekly-call", "altman-confirms-call", "altman-fired-and-rehired"] },
  {
    q: "ultraman",
    expect: ["ceos-weekly-call", "altman-confirms-call", "altman-fired-and-rehired"],
  },
  {
    q: "sam altman",
    expect: ["ceos-weekly-call", "altman-confirms-call", "altman-fired-and-rehired"],
  },
  { q: "how often do altman and nadella talk", expect: ["ceos-weekly-call"] },
  { q: "do nadella and altman still text", expect: ["ceos-weekly-call", "ceos-texted-daily"] },
  { q: "weekly call", expect: ["ceos-weekly-call"] },
  { q: "nadela altman relationship", expect: ["ceos-weekly-call", "ceo-ties-cooled"] },
  { q: "screenshots slack", expect: ["screenshots-to-slack"] },
  // AGI
  { q: "agi", expect: ["agi-clause", "microsoft-skeptical-agi"] },
  { q: "AGI clause", expect: ["agi-clause"] },
  { q: "what happens when openai reaches agi", expect: ["agi-clause"] },
  { q: "what did nadella say about agi on a podcast", expect: ["nadella-podcast-agi-nonsense"] },
  // What someone said: the facts where that person speaks.
  {
    q: "what did altman say",
    expect: ["altman-good-for-both", "altman-hard-fork-tension", "altman-agi-soon"],
  },
  {
    q: "what did altman say about the partnership",
    expect: ["altman-good-for-both", "altman-hard-fork-tension", "altman-called-it-best"],
  },
  { q: "artificial general intelligence", expect: ["agi-clause", "microsoft-skeptical-agi"] },
  // Compute
  { q: "azure", expect: ["azure-official-cloud", "models-in-azure-and-products"] },
  { q: "compute", expect: ["openai-wants-more-compute", "models-in-azure-and-products"] },
  { q: "does openai want more computing power", expect: ["openai-wants-more-compute"] },
  {
    q: "exclusivity",
    expect: ["openai-wants-more-compute", "exclusive-model-access", "compute-for-exclusivity"],
  },
  { q: "chips", expect: ["openai-wants-more-compute"] },
  // Code sharing
  { q: "strawberry", expect: ["strawberry-summer-2024", "slow-reasoning-model-code"] },
  { q: "strawbery", expect: ["strawberry-summer-2024", "slow-reasoning-model-code"] },
  { q: "reasoning model code", expect: ["slow-reasoning-model-code", "strawberry-summer-2024"] },
  { q: "mira murati", expect: ["ip-meeting-rebuke"] },
  { q: "murati", expect: ["ip-meeting-rebuke"] },
  { q: "intellectual property meeting", expect: ["ip-meeting-rebuke"] },
  // Restructuring
  { q: "for-profit", expect: ["microsoft-can-block-restructuring", "restructuring-deadline"] },
  { q: "can microsoft block the restructuring", expect: ["microsoft-can-block-restructuring"] },
  { q: "nonprofit", expect: ["nonprofit-vs-shareholders", "capped-profit-keeps-mission"] },
  // Talks
  { q: "revenue sharing", expect: ["revenue-sharing-under-review"] },
  { q: "equity stake talks", expect: ["wsj-future-equity"] },
  { q: "will microsoft pause the negotiations", expect: ["microsoft-may-pause-talks"] },
  { q: "financial times", expect: ["microsoft-may-pause-talks"] },
  { q: "wall street journal equity", expect: ["wsj-future-equity"] },
  { q: "what did the wall street journal say", expect: ["wsj-future-equity"] },
  { q: "hard fork", expect: ["disclosed-on-hard-fork", "altman-hard-fork-tension"] },
  {
    q: "what did altman say on the podcast",
    expect: ["altman-hard-fork-tension", "disclosed-on-hard-fork"],
  },
  // Competition
  { q: "copilot", expect: ["copilot-vs-chatgpt", "nadella-pushes-copilot"] },
  { q: "copilot vs chatgpt", expect: ["copilot-vs-chatgpt"] },
  { q: "chatgpt", expect: ["copilot-vs-chatgpt", "chatgpt-500m-users", "chatgpt-standalone"] },
  { q: "enterprise market", expect: ["openai-enterprise-push", "ahead-of-amazon-meta-google"] },
  { q: "amazon", expect: ["ahead-of-amazon-meta-google", "ai-to-compete-with-google-amazon"] },
  { q: "openai api", expect: ["same-technology-two-sellers"] },
  // Other partners
  { q: "google cloud", expect: ["openai-google-cloud-oracle"] },
  { q: "oracle", expect: ["openai-google-cloud-oracle", "stargate-backers"] },
  { q: "xai", expect: ["microsoft-works-with-xai"] },
  { q: "softbank", expect: ["stargate-backers", "stargate-white-house-podium"] },
  { q: "masayoshi son", expect: ["stargate-white-house-podium"] },
  { q: "larry ellison", expect: ["stargate-white-house-podium"] },
  // Politics
  {
    q: "trump",
    expect: ["altman-on-trump", "stargate-trump-announced", "trump-called-former-president"],
  },
  { q: "biden", expect: ["openai-meets-leaders"] },
  { q: "regulators", expect: ["regulators-scrutiny"] },
  { q: "eu regulation", expect: ["regulators-scrutiny"] },
  // Outlook
  {
    q: "are they breaking up",
    expect: ["preparing-to-part-ways", "realignment-not-breakup", "fallout-unlikely"],
  },
  {
    q: "what happens next",
    expect: [
      "preparing-to-part-ways",
      "realignment-not-breakup",
      "fallout-unlikely",
      "gradual-separation-likely",
    ],
  },
  {
    q: "future of the partnership",
    expect: [
      "preparing-to-part-ways",
      "realignment-not-breakup",
      "fallout-unlikely",
      "altman-confirms-call",
      "incentives-for-stability",
    ],
  },
  {
    q: "rivalry",
    expect: ["quietly-becoming-rivals", "copilot-vs-chatgpt", "openai-enterprise-push"],
  },
  // General
  {
    q: "microsoft openai",
    expect: ["partnership-under-strain", "drove-generative-ai-boom", "business-as-usual"],
  },
  { q: "davos", expect: ["nadella-in-davos", "davos-2024-courting"] },
  { q: "stock price", expect: ["msft-stock-tripled"] },
  { q: "how many chatgpt users", expect: ["chatgpt-500m-users"] },
  // Written by someone who had read only the articles, not the fact base (a held-out style set)
  { q: "how much has msft put into open ai in total", expect: ["over-13-billion"] },
  {
    q: "what does microsoft actually get for its money",
    expect: ["priority-access", "capped-profit-terms"],
  },
  {
    q: "does microsoft get a vote on openai's board?",
    expect: ["board-seat-non-voting", "board-seat-none-at-ouster"],
  },
  {
    q: "what leverage does micrsoft still have over openai",
    expect: ["microsoft-can-block-restructuring", "board-seat-non-voting"],
  },
  { q: "agi clasue", expect: ["agi-clause"] },
  { q: "when does altman think they'll hit agi", expect: ["altman-agi-soon"] },
  { q: "azur", expect: ["azure-official-cloud", "models-in-azure-and-products"] },
  { q: "is openai using clouds other than azure", expect: ["openai-google-cloud-oracle"] },
  { q: "inflexion deal", expect: ["inflection-650m"] },
  { q: "did altman know nadella was poaching suleyman?", expect: ["recruited-suleyman-secretly"] },
  { q: "how was the $650m hire interpreted", expect: ["inflection-no-confidence"] },
  {
    q: "who is the ultraman rival nadella hired",
    expect: ["recruited-suleyman-secretly", "inflection-650m"],
  },
  { q: "how often do satya and sam talk these days", expect: ["ceos-weekly-call"] },
  {
    q: "what did altman say on hardfork",
    expect: ["altman-hard-fork-tension", "disclosed-on-hard-fork"],
  },
  { q: "how long was altman out of openai", expect: ["ouster-under-a-week"] },
  {
    q: "what did microsoft change after the 2023 firing",
    expect: ["inflection-after-ouster", "shelved-data-center-project", "ouster-turning-point"],
  },
  { q: "what are they actually fighting about", expect: ["ceos-disagree-on-issues"] },
  { q: "main sticking points in the investment talks", expect: ["talks-core-issues"] },
  { q: "did openai or microsoft comment on the talks", expect: ["no-comment"] },
  { q: "what if microsoft ends up with a smaller stake", expect: ["smaller-stake-less-influence"] },
  { q: "who does openai sell to vs microsoft", expect: ["same-technology-two-sellers"] },
  { q: "who is paying for stargate", expect: ["stargate-backers", "stargate-openai-funds-too"] },
  { q: "stargte", expect: ["stargate-what-it-is", "stargate-announced-jan-2025"] },
  { q: "soft bank", expect: ["stargate-backers"] },
];

/** Questions the articles do not answer: the bot must say so instead of showing unrelated facts. */
export const UNANSWERABLE: string[] = [
  "does openai have a deal with apple for siri",
  "what's the openai hardware device with jony ive",
  "weather in redmond tomorrow",
  "who is openai's cfo",
  "weather in paris",
  "frobnicate the wibble",
];
