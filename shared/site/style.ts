/** The one stylesheet of the published site: system fonts, no external loads, WCAG AA contrast. */
export const SITE_CSS = `:root{--ink:#1b1f24;--muted:#4a5360;--bg:#ffffff;--panel:#f3f5f8;--line:#c9d0d9;--accent:#0b5cad;--ok:#176b2c;--bad:#a1161b}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--accent)}a:focus,button:focus,input:focus{outline:3px solid #f0b400;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:2}
header,footer{background:var(--panel);border-bottom:1px solid var(--line)}footer{border-top:1px solid var(--line);border-bottom:0;margin-top:3rem;color:var(--muted);font-size:.9rem}
header .bar,footer .bar,main{max-width:60rem;margin:0 auto;padding:1rem}
header nav ul{list-style:none;margin:0;padding:0;display:flex;gap:1.5rem;flex-wrap:wrap}
header .site{font-weight:700;text-decoration:none;color:var(--ink)}
h1{font-size:1.8rem;line-height:1.2}h2{font-size:1.3rem;margin-top:2rem}
.badges{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:1rem}
.badges li{border:1px solid var(--line);border-radius:.5rem;padding:1rem;text-align:center;min-width:0}
.badges a{display:flex;flex-direction:column;align-items:center;gap:.5rem;overflow-wrap:anywhere}
.badges img{display:block;width:8rem;height:8rem;flex:none;object-fit:contain}
.hero{display:flex;gap:1.5rem;align-items:flex-start;flex-wrap:wrap}.hero img{width:12rem;height:12rem;object-fit:contain}
.logo{width:4rem;height:4rem;object-fit:contain;vertical-align:middle}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dl.facts dt{font-weight:700}dl.facts dd{margin:0;min-width:0;overflow-wrap:anywhere}
.status-ok{color:var(--ok);font-weight:700}.status-bad{color:var(--bad);font-weight:700}
.button{display:inline-block;background:var(--accent);color:#fff;padding:.5rem 1rem;border-radius:.35rem;text-decoration:none;border:0;font:inherit;cursor:pointer}
.drop{border:2px dashed var(--line);border-radius:.5rem;padding:2rem;text-align:center;margin:1rem 0}.drop.over{border-color:var(--accent);background:var(--panel)}
.result{border:2px solid var(--line);border-radius:.5rem;padding:1rem;margin-top:1rem}.result.ok{border-color:var(--ok)}.result.bad{border-color:var(--bad)}
.checks{list-style:none;padding:0}.checks li{padding:.25rem 0;border-bottom:1px solid var(--panel);overflow-wrap:anywhere}.result h2,.other-issuer{overflow-wrap:anywhere}
label{display:block;font-weight:700;margin-top:1rem}input[type=email]{font:inherit;padding:.4rem;width:100%;max-width:24rem}
.help{color:var(--muted);font-size:.9rem;margin:.25rem 0}
.qr-code{margin:1.5rem 0 0;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}.qr-code svg{width:8rem;height:8rem}.qr-code figcaption{max-width:20rem;color:var(--muted);font-size:.9rem}
@media print{header,footer,.button,.skip{display:none}.qr-code svg{width:4cm;height:4cm}}
`;
