/* The course book's own script, served from the book's host (Jupyter Book adds it to every page).
 *
 * - «Meny» and «På denne siden»: on a narrow screen each opens its sidebar as a dialog (the theme's
 *   own handler bound a hidden copy of the buttons: pydata/pydata-sphinx-theme#2451); on a wide
 *   screen «Meny» hides or shows the sidebar. aria-expanded says which.
 * - «Skriv ut», the colour mode's name, and «Til toppen».
 * - «Sjekkliste for hverdagen»: the ticks are kept in this browser only (localStorage).
 * The names it gives follow the page's language: <html lang="nn"> in the nynorsk edition.
 */
(() => {
  "use strict";

  const ready = (fn) => (document.readyState !== "loading" ? fn() : document.addEventListener("DOMContentLoaded", fn));
  const wide = window.matchMedia("(min-width: 960px)");
  const TEXTS = {
    nb: {
      closeMenu: "Lukk menyen",
      closeContents: "Lukk «På denne siden»",
      modes: { light: "lys", dark: "mørk", auto: "som i systemet" },
      mode: (name) => `Fargemodus: ${name}. Trykk for å bytte.`,
    },
    nn: {
      closeMenu: "Lukk menyen",
      closeContents: "Lukk «På denne sida»",
      modes: { light: "lys", dark: "mørk", auto: "som i systemet" },
      mode: (name) => `Fargemodus: ${name}. Trykk for å byte.`,
    },
  };
  const text = TEXTS[document.documentElement.lang] || TEXTS.nb;
  const storage = {
    get(key) {
      try {
        return window.localStorage.getItem(key);
      } catch (e) {
        return null;
      }
    },
    set(key, value) {
      try {
        window.localStorage.setItem(key, value);
      } catch (e) {
        /* private mode or full storage: the page still works, the tick is just not kept */
      }
    },
  };
  const ICON_CLOSE =
    '<svg class="bok-ikon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="24" height="24" fill="none" ' +
    'stroke="currentColor" stroke-width="2" stroke-linecap="round"><path d="M6 6l12 12M18 6L6 18"/></svg>';

  /* Move a sidebar's content (and classes) into its dialog and back, as the theme does. */
  const move = (from, to) => {
    Array.from(from.childNodes).forEach((node) => to.appendChild(node));
    Array.from(from.classList).forEach((cls) => {
      from.classList.remove(cls);
      to.classList.add(cls);
    });
  };

  function sidebarDialog(button, dialog, sidebar, closeLabel) {
    if (!button || !dialog || !sidebar) return null;
    const open = () => {
      if (dialog.open) return;
      move(sidebar, dialog);
      const close = document.createElement("button");
      close.type = "button";
      close.className = "btn bok-knapp bok-lukk";
      close.setAttribute("aria-label", closeLabel);
      close.innerHTML = ICON_CLOSE + '<span class="bok-knapp-tekst">Lukk</span>';
      close.addEventListener("click", () => dialog.close());
      dialog.prepend(close);
      dialog.showModal();
      button.setAttribute("aria-expanded", "true");
    };
    dialog.addEventListener("close", () => {
      dialog.querySelectorAll(":scope > .bok-lukk").forEach((b) => b.remove());
      move(dialog, sidebar);
      button.setAttribute("aria-expanded", "false");
      button.focus({ preventScroll: true });
    });
    dialog.addEventListener("click", (event) => {
      const box = dialog.getBoundingClientRect();
      const outside = event.clientX < box.left || event.clientX > box.right || event.clientY < box.top || event.clientY > box.bottom;
      if (outside || event.target.closest("a[href]")) dialog.close(); // the backdrop, or a link followed
    });
    dialog.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        event.preventDefault();
        dialog.close();
      }
    });
    return open;
  }

  function setupMenus() {
    const menu = document.querySelector(".bok-meny-knapp");
    const openMenu = sidebarDialog(
      menu,
      document.getElementById("pst-primary-sidebar-modal"),
      document.getElementById("pst-primary-sidebar"),
      text.closeMenu,
    );
    if (menu && openMenu) {
      const hiddenKey = "somekurs-bok:meny-skjult";
      const showState = () => {
        const hidden = document.body.classList.contains("bok-meny-skjult");
        menu.setAttribute("aria-expanded", wide.matches && !hidden ? "true" : "false");
      };
      if (storage.get(hiddenKey) === "ja") document.body.classList.add("bok-meny-skjult");
      menu.addEventListener("click", (event) => {
        event.preventDefault();
        if (wide.matches) {
          const hidden = document.body.classList.toggle("bok-meny-skjult");
          storage.set(hiddenKey, hidden ? "ja" : "nei");
          showState();
        } else {
          openMenu();
        }
      });
      wide.addEventListener("change", showState);
      showState();
    }
    const contents = document.querySelector(".bok-innhold-knapp");
    const openContents = sidebarDialog(
      contents,
      document.getElementById("pst-secondary-sidebar-modal"),
      document.getElementById("pst-secondary-sidebar"),
      text.closeContents,
    );
    if (contents && openContents) {
      contents.addEventListener("click", (event) => {
        event.preventDefault();
        openContents();
      });
    }
  }

  function setupButtons() {
    document.querySelectorAll(".bok-skriv-ut").forEach((b) => b.addEventListener("click", () => window.print()));
    const names = text.modes;
    const theme = document.querySelectorAll(".theme-switch-button");
    const nameTheme = () => {
      const mode = document.documentElement.dataset.mode || "auto";
      theme.forEach((b) => b.setAttribute("aria-label", text.mode(names[mode] || names.auto)));
    };
    theme.forEach((b) => b.addEventListener("click", () => window.setTimeout(nameTheme, 0)));
    nameTheme();

    const top = document.getElementById("bok-til-toppen");
    if (top) {
      const show = () => {
        top.hidden = window.scrollY < 2 * window.innerHeight;
      };
      window.addEventListener("scroll", show, { passive: true });
      top.addEventListener("click", () => {
        window.scrollTo({ top: 0 });
        const heading = document.querySelector("article.bd-article h1");
        if (heading) {
          heading.setAttribute("tabindex", "-1");
          heading.focus({ preventScroll: true });
        }
      });
      show();
    }
  }

  function setupChecklists() {
    const boxes = document.querySelectorAll("input.task-list-item-checkbox[data-bok-sjekk]");
    if (!boxes.length) return;
    const page = (typeof DOCUMENTATION_OPTIONS !== "undefined" && DOCUMENTATION_OPTIONS.pagename) || window.location.pathname;
    const key = `somekurs-sjekkliste:${page}`;
    let ticks = {};
    try {
      const saved = JSON.parse(storage.get(key) || "{}");
      if (saved && typeof saved === "object" && !Array.isArray(saved)) ticks = saved;
    } catch (e) {
      ticks = {};
    }
    boxes.forEach((box) => {
      const id = box.dataset.bokSjekk;
      if (Object.prototype.hasOwnProperty.call(ticks, id) && typeof ticks[id] === "boolean") box.checked = ticks[id];
      box.addEventListener("change", () => {
        ticks[id] = box.checked;
        storage.set(key, JSON.stringify(ticks));
      });
    });
  }

  ready(() => {
    setupMenus();
    setupButtons();
    setupChecklists();
  });
})();
