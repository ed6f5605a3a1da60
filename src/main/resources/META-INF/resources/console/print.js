// The print views' button (no inline script: the Content-Security-Policy lets in only the service's own files).
document.getElementById('print')?.addEventListener('click', () => window.print());
