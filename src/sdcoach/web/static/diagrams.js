// Draw the walkthrough's data-flow diagram with the vendored Mermaid (strict: no HTML labels, no links).
mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "neutral" });
mermaid.run({ querySelector: "pre.mermaid" });
