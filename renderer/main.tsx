import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AllCommunityModule, ModuleRegistry } from 'ag-grid-community';
import { App } from './app/App';
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
