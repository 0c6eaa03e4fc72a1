import { SystemStatus } from './system-status.tsx';

export function App() {
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Acorn Flow</span>
        <span className="tagline">Refund and approval operations</span>
      </header>
      <main className="content">
        <SystemStatus />
      </main>
    </div>
  );
}
