// Stands in for an engine part that has no sources yet, so its library links.
