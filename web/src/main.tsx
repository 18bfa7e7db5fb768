import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { ApiProblem } from './api.ts';
import { App } from './App.tsx';
import { setupI18n } from './i18n/index.ts';
import { sessionKey } from './session.ts';
import './styles.css';

setupI18n();

// A 401 from any call means the session is gone: forget it, and the route guard sends the
// user to /login (remembering the page they were on).
const onError = (error: unknown) => {
  if (error instanceof ApiProblem && error.status === 401) queryClient.setQueryData(sessionKey, null);
};

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false, // slow, metered connections: refetch on purpose, not on every tab switch
      retry: (count, error) => !(error instanceof ApiProblem && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
