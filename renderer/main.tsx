import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AllCommunityModule, ModuleRegistry } from 'ag-grid-community';
import { App } from './app/App';
// The app ships its own CJK font (only the subsets a page uses are loaded), so a machine without
// Chinese fonts shows Chinese, and screens, prints and PDFs look the same everywhere.
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './ui/theme.css';
import './app/shell.css';

// Registered once for the whole app; grids then take their theme from the `theme` prop.
ModuleRegistry.registerModules([AllCommunityModule]);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
