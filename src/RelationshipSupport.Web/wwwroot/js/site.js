import { initAll } from '/lib/nhsuk/nhsuk-frontend.min.js';

document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');
initAll();

// Prevent a double click from posting a form twice; the server is idempotent anyway.
for (const form of document.querySelectorAll('form[data-prevent-double-submit]')) {
  form.addEventListener('submit', (event) => {
    if (form.dataset.submitted === 'true') {
      event.preventDefault();
      return;
    }
    form.dataset.submitted = 'true';
  });
}

// "Print the letter": the print stylesheet shows only the letter.
for (const link of document.querySelectorAll('[data-print]')) {
  link.addEventListener('click', (event) => {
    event.preventDefault();
    window.print();
  });
}

// Conditional reveals under radios ("Not suitable" shows its reason and signposting). Our own rather than the
// design system's, which puts aria-expanded on the radio: an attribute radios may not have (axe: critical).
// No aria-controls either: the design system's script would find it and add aria-expanded again. Without
// JavaScript every revealed block stays visible, so nothing is unreachable.
for (const input of document.querySelectorAll('input[type=radio][data-rs-reveal]')) {
  const target = document.getElementById(input.dataset.rsReveal);
  if (!target) continue;
  const group = document.querySelectorAll(`input[type=radio][name="${CSS.escape(input.name)}"]`);
  const update = () => target.classList.toggle('nhsuk-radios__conditional--hidden', !input.checked);
  for (const other of group) other.addEventListener('change', update);
  update();
}
