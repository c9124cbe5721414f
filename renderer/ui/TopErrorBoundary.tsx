import { Component, type ReactNode } from 'react';

/** Last resort: a render error shows a way out instead of a blank window. Nothing saved is lost. */
export class TopErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error(error);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    const fr = document.documentElement.lang === 'fr';
    return (
      <main className="fatal" role="alert">
        <h1>{fr ? 'Badgesmith a rencontré un problème' : 'Badgesmith ran into a problem'}</h1>
        <p>
          {fr
            ? 'Rien de ce qui était enregistré n’est perdu. Rechargez la page pour continuer.'
            : 'Nothing you saved is lost. Reload the page to carry on.'}
        </p>
        <button type="button" onClick={() => window.location.reload()}>
          {fr ? 'Recharger' : 'Reload'}
        </button>
      </main>
    );
  }
}
