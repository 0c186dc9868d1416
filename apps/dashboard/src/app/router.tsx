import { type ReactNode } from 'react';
import { createBrowserRouter, Navigate, useLocation } from 'react-router-dom';
import { ActorPage, ActorsPage } from '../features/actors/actors-pages';
import { useAuth } from '../features/auth/auth-provider';
import { SignInPage } from '../features/auth/sign-in-page';
import { BoardPage } from '../features/board/board-page';
import { ClaimPage } from '../features/claim/claim-page';
import { IngestPage } from '../features/ingest/ingest-page';
import { NewClaimPage } from '../features/ingest/new-claim-page';
import { NewsroomPage } from '../features/newsroom/newsroom-page';
import { QueuePage } from '../features/queue/queue-page';
import { Layout } from './layout';

function RequireSession({ children }: { children: ReactNode }) {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'restoring') return <p className="centered">Restoring your session…</p>;
  if (status === 'signed-out')
    return <Navigate to="/sign-in" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

export const router = createBrowserRouter(
  [
    { path: '/sign-in', element: <SignInPage /> },
    {
      path: '/',
      element: (
        <RequireSession>
          <Layout />
        </RequireSession>
      ),
      children: [
        { index: true, element: <QueuePage /> },
        { path: 'board', element: <BoardPage /> },
        { path: 'claims/new', element: <NewClaimPage /> },
        { path: 'claims/:id', element: <ClaimPage /> },
        { path: 'ingest', element: <IngestPage /> },
        { path: 'actors', element: <ActorsPage /> },
        { path: 'actors/:id', element: <ActorPage /> },
        { path: 'settings', element: <NewsroomPage /> },
        { path: '*', element: <p>There is no such page.</p> },
      ],
    },
  ],
  { basename: '/app' },
);
