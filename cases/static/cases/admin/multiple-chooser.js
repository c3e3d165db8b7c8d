/* Several objects through a Wagtail chooser modal: see cases/multiple_chooser.py. */
(() => {
  class MultipleChooserController extends window.StimulusModule.Controller {
    static targets = ['list', 'empty', 'item'];

    connect() {
      const definition = this.element.querySelector('script[type="application/json"]');
      this.chooser = window.telepath.unpack(JSON.parse(definition.textContent));
    }

    open() {
      this.chooser.openModal(
        (chosen) => {
          (Array.isArray(chosen) ? chosen : [chosen]).forEach((item) =>
            this.add(String(item.id), item.title),
          );
        },
        { multiple: true },
      );
    }

    add(pk, title) {
      const known = [...this.listTarget.querySelectorAll('input[type="hidden"]')];
      if (known.some((input) => input.value === pk)) return;
      const item = this.itemTarget.content.firstElementChild.cloneNode(true);
      item.querySelector('input[type="hidden"]').value = pk;
      item.querySelectorAll('[data-kb-title]').forEach((span) => {
        span.textContent = title;
      });
      this.listTarget.append(item);
      this.changed();
    }

    remove(event) {
      event.target.closest('li').remove();
      this.changed();
      this.element.querySelector('[data-action="kb-multiple-chooser#open"]').focus();
    }

    changed() {
      this.emptyTarget.hidden = this.listTarget.children.length > 0;
      // Wagtail's unsaved-changes warning listens for change events on the form.
      this.element.dispatchEvent(new Event('change', { bubbles: true }));
    }
  }

  window.wagtail.app.register('kb-multiple-chooser', MultipleChooserController);
})();
