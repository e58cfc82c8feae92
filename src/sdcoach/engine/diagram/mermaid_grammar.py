"""The Lark grammar of one Mermaid flowchart statement (code, not content: it is the parser)."""

GRAMMAR = r"""
// One statement of a Mermaid flowchart (sdcoach reads a diagram line by line; see mermaid.py for the subset).
?start: header | subgraph | END | direction | chain

header: GRAPH DIR?
direction: DIRECTION DIR
subgraph: SUBGRAPH ID shape?   -> subgraph_titled
        | SUBGRAPH STRING      -> subgraph_quoted
        | SUBGRAPH ID ID+      -> subgraph_words

chain: group (link group)*
group: node ("&" node)*
node: ID shape?

shape: "[" _box "]"      -> box
     | "(" _round ")"      -> round
     | "{" _curly "}"      -> diamond
     | "((" _round "))"    -> circle
     | "[(" _round ")]"    -> cylinder
     | "([" _box "])"    -> stadium
     | "[[" _box "]]"    -> subroutine
     | "{{" _curly "}}"    -> hexagon
     | ">" _box "]"      -> flag
     | "[/" _slash "/]"    -> parallelogram
     | "[\\" _backslash "\\]"  -> parallelogram_alt

_box: STRING | BOX_TEXT
_round: STRING | ROUND_TEXT
_curly: STRING | CURLY_TEXT
_slash: STRING | SLASH_TEXT
_backslash: STRING | BACKSLASH_TEXT

link: LINK ("|" pipe_text "|")?
    | LINK_OPEN LINK_TEXT LINK
pipe_text: STRING | PIPE_TEXT

GRAPH.2: /(flowchart|graph)\b/i
END.2: /end\b/i
SUBGRAPH.2: /subgraph\b/i
DIRECTION.2: /direction\b/i
DIR: "TB" | "TD" | "BT" | "RL" | "LR"
ID: /[A-Za-z0-9_][A-Za-z0-9_]*/
STRING: /"[^"\n]*"/
BOX_TEXT: /[^\]\[\n"(\/\\][^\]\n]*/
ROUND_TEXT: /[^)(\n"\[][^)\n]*/
CURLY_TEXT: /[^}{\n"][^}\n]*/
SLASH_TEXT: /[^\/\n"][^\/\n]*/
BACKSLASH_TEXT: /[^\\\n"][^\\\n]*/
PIPE_TEXT: /[^|\n"][^|\n]*/
LINK: /<?(?:-{2,}|={2,}|-\.+-)[->ox]?/ | /\.-+[->ox]/ | /={2,}[=>ox]/
LINK_OPEN.2: /<?(?:--|==|-\.)(?=[ \t])/
LINK_TEXT: /[^\s\-=.][^\n]*?(?=\s*(?:-{2,}|={2,}|\.-+)[->ox=]?)/

%ignore /[ \t]+/
"""
