"""A candidate's architecture diagram read as a graph (Mermaid flowchart text, Excalidraw JSON) and checked
against a scenario's reference data flow."""
