"use strict";
// Draws a study page from the data `hpo report` embeds and `hpo dashboard` serves: the
// figures hpo_study_figure_json made (plotly draws them as they are) and a sortable table of
// every trial. Each chart records what it drew in data-check, which the browser tests read.
const hpoPage = (() => {
  const element = (tag, attributes = {}, text = "") => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
    if (text !== "") node.textContent = text;
    return node;
  };

  // Marks a figure's data asks for (markers of scatter traces, bars) against the marks drawn.
  const check = (div, figure) => {
    let expected = 0;
    for (const trace of figure.data) {
      if (trace.type === "bar") expected += trace.x.length;
      else if (trace.type === "scatter" && String(trace.mode).includes("markers")) {
        expected += trace.x.filter((x, i) => x !== null && trace.y[i] !== null).length;
      }
    }
    const drawn = div.querySelectorAll(".scatterlayer .point, .barlayer .point").length;
    const traces = (div._fullData || []).length;
    div.dataset.check = JSON.stringify({ traces, wanted: figure.data.length, expected, drawn });
  };

  const drawFigure = (container, entry, index) => {
    const id = "figure-" + index;
    let div = document.getElementById(id);
    if (!div) {
      div = element("div", { id, class: "figure" + (entry.wide ? " wide" : "") });
      container.appendChild(div);
    }
    div.dataset.kind = entry.kind;
    if (entry.error) {
      Plotly.purge(div);
      div.replaceChildren(element("p", { class: "note" }, entry.title + ": " + entry.error));
      div.dataset.check = JSON.stringify({ note: entry.error });
      return Promise.resolve();
    }
    const layout = Object.assign({ autosize: true, margin: { t: 70 } }, entry.figure.layout);
    return Plotly.react(div, entry.figure.data, layout, { responsive: true, displaylogo: false })
      .then(() => check(div, entry.figure));
  };

  const cell = (value) => {
    if (value === null || value === undefined) return "";
    if (typeof value === "number") return Number.isInteger(value) ? String(value) : value.toPrecision(6);
    return typeof value === "string" ? value : JSON.stringify(value);
  };

  const seconds = (trial) => {
    if (!trial.datetime_start || !trial.datetime_complete) return null;
    return (Date.parse(trial.datetime_complete) - Date.parse(trial.datetime_start)) / 1000;
  };

  // The columns: number, state, each objective, duration, each parameter, message.
  const columns = (data) => {
    const out = [{ title: "#", value: (t) => t.number }, { title: "State", value: (t) => t.state }];
    data.study.directions.forEach((direction, k) => {
      const title = data.study.directions.length === 1 ? "Value" : "Value " + k + " (" + direction + ")";
      out.push({ title, value: (t) => (t.values ? t.values[k] : null) });
    });
    out.push({ title: "Duration (s)", value: seconds });
    for (const name of Object.keys(data.study.space)) out.push({ title: name, value: (t) => t.params[name] });
    out.push({ title: "Message", value: (t) => t.message });
    return out;
  };

  const compare = (a, b) => {
    if (a === b) return 0;
    if (a === null || a === undefined) return 1;  // empty cells last either way
    if (b === null || b === undefined) return -1;
    if (typeof a === "number" && typeof b === "number") return a - b;
    return String(a).localeCompare(String(b), undefined, { numeric: true });
  };

  const drawTable = (container, data) => {
    const cols = columns(data);
    const table = element("table", { class: "trials", id: "trials" });
    const head = element("tr");
    const body = element("tbody");
    let rows = data.trials.slice();
    const fill = () => {
      body.replaceChildren(...rows.map((trial) => {
        const row = element("tr", { class: trial.state });
        for (const col of cols) row.appendChild(element("td", {}, cell(col.value(trial))));
        return row;
      }));
    };
    cols.forEach((col, i) => {
      const th = element("th", {}, col.title);
      th.addEventListener("click", () => {
        const order = th.dataset.order === "ascending" ? "descending" : "ascending";
        for (const other of head.children) delete other.dataset.order;
        th.dataset.order = order;
        const sign = order === "ascending" ? 1 : -1;
        rows.sort((a, b) => {
          const va = cols[i].value(a), vb = cols[i].value(b);
          if (va === null || va === undefined || vb === null || vb === undefined) return compare(va, vb);
          return sign * compare(va, vb);
        });
        fill();
      });
      head.appendChild(th);
    });
    table.appendChild(element("thead")).appendChild(head);
    table.appendChild(body);
    fill();
    container.replaceChildren(element("h2", {}, "Trials (" + data.trials.length + ")"), table);
  };

  const describe = (data) => {
    const counts = {};
    for (const trial of data.trials) counts[trial.state] = (counts[trial.state] || 0) + 1;
    const states = Object.entries(counts).map(([state, n]) => n + " " + state).join(", ");
    return data.trials.length + " trials" + (states ? " (" + states + ")" : "") + "; " +
      data.study.directions.join(", ") + "; sampler " + data.study.sampler.name;
  };

  // Draws (or redraws in place) the page of one study; resolves once every chart is drawn.
  const render = (root, data) => {
    let header = root.querySelector("header");
    if (!header) {
      header = root.appendChild(element("header"));
      root.appendChild(element("div", { class: "figures", id: "figures" }));
      root.appendChild(element("section", { id: "table" }));
    }
    header.replaceChildren(element("h1", {}, "Study " + data.study.name),
                           element("p", {}, describe(data)),
                           element("p", {}, "Made by hpo " + data.hpo_version + " at " + data.generated));
    const figures = root.querySelector("#figures");
    const drawn = data.figures.map((entry, i) => drawFigure(figures, entry, i));
    drawTable(root.querySelector("#table"), data);
    return Promise.all(drawn).then(() => { root.dataset.rendered = "true"; });
  };

  // Shows what went wrong on the page itself, where whoever opened it sees it.
  const fail = (error) => {
    const banner = document.getElementById("page-error") || document.body.prepend(element("p", { id: "page-error" })) ||
      document.getElementById("page-error");
    banner.textContent = "This page could not be drawn: " + error;
  };
  window.addEventListener("error", (event) => fail(event.message));

  return { render, fail };
})();
