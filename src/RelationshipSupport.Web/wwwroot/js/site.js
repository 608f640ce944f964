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
