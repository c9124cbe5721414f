import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './ui/styles.css';
import './i18n/index.js';
import { App } from './ui/App.js';
import { TopErrorBoundary } from './ui/TopErrorBoundary.js';

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <TopErrorBoundary>
      <App />
    </TopErrorBoundary>
  </StrictMode>,
);
