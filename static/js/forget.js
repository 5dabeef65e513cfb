// After "delete everything": nothing of this parent stays on the tablet either.
for (const key of Object.keys(localStorage)) {
  if (key.startsWith("cgim-")) localStorage.removeItem(key);
}
sessionStorage.clear();
