/**
 * The one stylesheet, served at `/style.css` so the Content-Security-Policy can say
 * `style-src 'self'` with no inline styles at all. Phone first; wider screens get two columns for
 * the sides of a dispute.
 */
export const STYLESHEET = `
:root{color-scheme:light dark;--fg:#1b1f24;--muted:#57606a;--bg:#fff;--card:#f6f8fa;--line:#d0d7de;
--link:#0a58ca;--accent:#0a7d5a;--on-accent:#fff;--disputed:#b35900;--disputed-bg:#fff4e5;--old:#6e7781;--old-bg:#f3f4f6}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9da7b3;--bg:#0d1117;--card:#161b22;
--line:#30363d;--link:#6cb6ff;--accent:#3fb950;--on-accent:#0d1117;--disputed:#f0a040;--disputed-bg:#2b1d0e;--old:#8b949e;--old-bg:#1c2128}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:1rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,Ubuntu,sans-serif;overflow-wrap:anywhere}
a{color:var(--link)}
a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid var(--link);outline-offset:2px}
.wrap{max-width:64rem;margin:0 auto;padding:0 1rem}
header.site{border-bottom:1px solid var(--line);padding:.6rem 0}
header.site .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem 1rem}
.brand{font-weight:700;text-decoration:none;color:var(--fg);margin-right:auto}
nav.main{display:flex;gap:1rem}
form.search{display:flex;gap:.4rem;flex:1 1 16rem;max-width:26rem}
form.search input{flex:1;min-width:0;font:inherit;padding:.4rem .6rem;border:1px solid var(--line);border-radius:.4rem;background:var(--bg);color:var(--fg)}
form.search button{font:inherit;padding:.4rem .8rem;border:1px solid var(--line);border-radius:.4rem;background:var(--card);color:var(--fg);cursor:pointer}
main{padding:1rem 0 2rem}
h1{font-size:1.6rem;line-height:1.25;margin:.6rem 0 .4rem}
h2{font-size:1.2rem;margin:1.6rem 0 .6rem}
.lede{font-size:1.05rem;max-width:44rem}
.meta,.muted{color:var(--muted);font-size:.9rem}
footer.site{border-top:1px solid var(--line);padding:1rem 0 2rem;color:var(--muted);font-size:.85rem}
ul.plain{list-style:none;padding:0;margin:0}
.topics li{padding:.55rem 0;border-bottom:1px solid var(--line)}
.topics a{font-weight:600}
.fact{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--accent);border-radius:.4rem;padding:.7rem .9rem;margin:0 0 .8rem}
.fact p{margin:.2rem 0}
.fact.disputed{border-left-color:var(--disputed)}
.fact.superseded{border-left-color:var(--old);background:var(--old-bg)}
.fact.superseded .text{color:var(--muted)}
.fact .when{font-weight:600;color:var(--muted);font-size:.9rem}
.fact .sources{font-size:.9rem;margin-top:.35rem}
.fact .permalink{font-size:.85rem;margin-left:.3rem}
.badge{display:inline-block;font-size:.75rem;font-weight:700;text-transform:uppercase;letter-spacing:.03em;padding:0 .4rem;border-radius:.3rem;vertical-align:.1em;margin-left:.3rem}
.badge.disputed{color:var(--disputed);background:var(--disputed-bg);border:1px solid var(--disputed)}
.badge.superseded{color:var(--old);border:1px solid var(--old)}
.sides{border:1px dashed var(--disputed);border-radius:.5rem;padding:.6rem;margin:0 0 1rem}
.sides.superseded-pair{border-color:var(--old)}
.sides>h3{font-size:.95rem;margin:0 0 .5rem;color:var(--disputed)}
.sides.superseded-pair>h3{color:var(--old)}
.sides .cols{display:grid;grid-template-columns:1fr;gap:.6rem}
.sides .cols .fact{margin:0}
.side-label{display:block;font-size:.8rem;font-weight:700;text-transform:uppercase;color:var(--muted);margin-bottom:.2rem}
.sides .note{margin:.6rem 0 0;font-size:.92rem}
@media (min-width:44rem){.sides .cols{grid-template-columns:repeat(auto-fit,minmax(16rem,1fr))}}
blockquote{margin:.4rem 0 .2rem;padding:.2rem .8rem;border-left:3px solid var(--line);color:var(--muted);font-style:italic}
dl.facts-of{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
dl.facts-of dt{color:var(--muted)}dl.facts-of dd{margin:0}
.timeline-figure{margin:0 0 1rem}
.timeline-figure svg{display:block;width:100%;height:auto}
.timeline-figure .tl-wide{display:none;max-width:56rem}
.timeline-figure .tl-narrow{max-width:26rem}
@media (min-width:40rem){.timeline-figure .tl-wide{display:block}.timeline-figure .tl-narrow{display:none}}
.tl-axis{stroke:var(--muted);stroke-width:1.5}
.tl-axis.tl-gap{stroke-dasharray:3 4}
.tl-grid{stroke:var(--line);stroke-width:1}
.tl-year{fill:var(--muted);font-size:13px;font-family:system-ui,sans-serif}
.tl-year.tl-gap{font-style:italic;font-size:12px}
.tl-event rect{fill:var(--accent)}
.tl-event.disputed rect{fill:var(--disputed)}
.tl-event.superseded rect{fill:var(--old)}
.tl-event text{fill:var(--on-accent);pointer-events:none;font-size:13px;font-weight:700;font-family:system-ui,sans-serif}
.tl-event a:hover rect,.tl-event a:focus rect{stroke:var(--fg);stroke-width:2}
ol.events{padding-left:0;list-style:none}
ol.events li{display:grid;grid-template-columns:2.2rem 1fr;gap:.5rem;padding:.5rem 0;border-bottom:1px solid var(--line)}
.num{display:inline-block;min-width:1.8rem;text-align:center;font-weight:700;border-radius:.3rem;background:var(--accent);color:var(--on-accent);font-size:.85rem;height:1.5rem;line-height:1.5rem}
.num.disputed{background:var(--disputed)}.num.superseded{background:var(--old)}
ol.events .other-sides{margin:.4rem 0 0;padding-left:.7rem;border-left:3px solid var(--line)}
ol.events .other-sides li{display:block;padding:.25rem 0;border:0}
.other-sides .side-label{display:inline;margin:0}
.other-sides .note{font-size:.92rem}
.legend{display:flex;flex-wrap:wrap;gap:.4rem 1rem;font-size:.85rem;color:var(--muted)}
h1.search-heading{font-size:1rem;font-weight:400;color:var(--muted);margin:.4rem 0 0}
.reply>h2{font-size:1.5rem;margin-top:.4rem}
.reply .intro{max-width:44rem}
.reply ul{list-style:none;padding:0}
.reply li{margin:.35rem 0}
.reply li.info{padding:.35rem 0;border-bottom:1px solid var(--line)}
.reply li.fact{margin-top:.8rem}
.reply li.counterpoint{margin:0 0 0 1.2rem;padding:.4rem .7rem;border-left:3px solid var(--disputed)}
.reply li.counterpoint.superseded,.reply li.fact.superseded+li.counterpoint{border-left-color:var(--old)}
.hints a{margin-right:.8rem}
`;
