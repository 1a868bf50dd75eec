// Vite's client types: CSS imports and import.meta.env for the renderer bundle.
/// <reference types="vite/client" />
