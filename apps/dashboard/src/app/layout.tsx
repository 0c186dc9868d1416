import { useEffect, useRef, useSyncExternalStore } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { connection } from '../api/connection';
import { humanize } from '../components/format';
import { useAuth, useRoles } from '../features/auth/auth-provider';
import { NotificationBell } from '../features/notifications/notification-bell';

/** The signed-in shell: top bar (user, roles, bell, sign out), navigation, connection banner. */
export function Layout() {
  const { user, signOut } = useAuth();
  const { isEditor, isAdmin } = useRoles();
  const online = useSyncExternalStore(connection.subscribe, () => connection.online);
  const navigate = useNavigate();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  // After a navigation, focus goes to the page (screen readers then read the new page, not the old link).
  useEffect(() => {
    main.current?.focus({ preventScroll: true });
  }, [location.pathname]);

  return (
    <>
      <a href="#main" className="skip">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">claimdesk</span>
        <nav aria-label="Main">
          <NavLink to="/" end>
            Queues
          </NavLink>
          {isEditor && <NavLink to="/board">Board</NavLink>}
          <NavLink to="/claims/new">New claim</NavLink>
          <NavLink to="/ingest">Paste an article</NavLink>
          <NavLink to="/actors">Actors</NavLink>
          {isAdmin && <NavLink to="/settings">Newsroom settings</NavLink>}
        </nav>
        <div className="who">
          <NotificationBell />
          <span>
            <strong data-testid="user-name">{user?.name}</strong>{' '}
            <span className="muted">{user?.roles.map(humanize).join(', ')}</span>
          </span>
          <button
            type="button"
            onClick={() => void signOut().finally(() => navigate('/sign-in', { replace: true }))}
          >
            Sign out
          </button>
        </div>
      </header>
      {!online && (
        <div className="banner" role="alert">
          The connection to the server was lost. Reconnecting… nothing you typed is lost.
        </div>
      )}
      <main id="main" ref={main} tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
