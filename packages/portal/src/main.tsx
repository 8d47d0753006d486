import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { startI18n } from './i18n/index.ts';
import './styles.css';

// The language's strings first (Spanish is bundled; Catalan or English are one small fetch).
// A promise, not a top-level await: the lazy chunks import from this one, which they could not
// while it awaited.
void startI18n().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
