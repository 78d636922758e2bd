track('nope');
