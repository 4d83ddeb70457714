// The operator's dashboard. It reads the public JSON API only, and renders every value as text (textContent, never
// markup): item ids, queries, user ids and messages come from hostile logs. The page's Content-Security-Policy forbids
// inline script, so nothing below may rely on it either.
"use strict";

(function () {
  const API = "/api/v1";
  const REFRESH_MS = 5000;
  const STEPS = ["ingest", "stage", "train", "publish"];
  const TOKEN_KEY = "pipeline.admin.token"; // in sessionStorage: it lives as long as the tab, never persisted
  const PLOT_WIDTH = 900;
  const PLOT_HEIGHT = 220;
  const COLOURS = ["#1d4ed8", "#b91c1c", "#15803d", "#92400e", "#7c3aed", "#0e7490", "#be185d", "#4b5563"];

  const state = { view: "pipeline", jobs: [], models: null, plots: {} };

  // ---- small helpers: elements are built, text is set, nothing is parsed as HTML

  function $(id) {
    return document.getElementById(id);
  }

  function cell(row, text, cls) {
    const td = document.createElement("td");
    td.textContent = text === null || text === undefined ? "" : String(text);
    if (cls) {
      td.className = cls;
    }
    row.appendChild(td);
    return td;
  }

  function fill(tableId, rows, render) {
    const body = $(tableId).querySelector("tbody");
    body.replaceChildren();
    rows.forEach(function (r, i) {
      const tr = document.createElement("tr");
      render(tr, r, i);
      body.appendChild(tr);
    });
  }

  function fixed(x, digits) {
    return typeof x === "number" ? x.toFixed(digits) : "";
  }

  function when(iso) {
    return iso ? new Date(iso).toLocaleString() : "";
  }

  function seconds(job) {
    if (!job.startedAt) {
      return null;
    }
    const end = job.finishedAt ? Date.parse(job.finishedAt) : Date.now();
    return (end - Date.parse(job.startedAt)) / 1000;
  }

  function took(s) {
    if (s === null) {
      return "";
    }
    return s < 120 ? s.toFixed(1) + " s" : (s / 60).toFixed(1) + " min";
  }

  function showError(message) {
    const e = $("error");
    e.textContent = message || "";
    e.hidden = !message;
  }

  function token() {
    return sessionStorage.getItem(TOKEN_KEY) || "";
  }

  async function api(path, options) {
    const init = Object.assign({ headers: {} }, options || {});
    if (token()) {
      init.headers.Authorization = "Bearer " + token();
    }
    const r = await fetch(path, init);
    const body = await r.json().catch(function () {
      return null;
    });
    if (!r.ok) {
      const message = body && body.error ? body.error.message : r.status + " " + r.statusText;
      const err = new Error(message);
      err.status = r.status;
      throw err;
    }
    return body;
  }

  // ---- header: served and published version, health

  async function loadHeader() {
    const models = await api(API + "/models");
    state.models = models;
    $("served-version").textContent = models.servedVersion || "none";
    $("published-version").textContent = models.publishedVersion || "none";
    const health = await fetch("/health").then(function (r) {
      return r.json();
    }).catch(function () {
      return null;
    });
    $("health").textContent = health ? health.status : "unreachable";
  }

  // ---- pipeline: zone volumes and each step's last run, from the job records

  // A cycle's counts carry their step's prefix (ingest.landed); a step's own job has none.
  // A step's figures of a job ("counts" or "measures"): the job's own, or the step's part of a cycle's.
  function stepFigures(job, step, field) {
    const figures = job[field] || {};
    if (job.type === step) {
      return figures;
    }
    const out = {};
    if (job.type === "cycle") {
      Object.keys(figures).forEach(function (k) {
        if (k.startsWith(step + ".")) {
          out[k.substring(step.length + 1)] = figures[k];
        }
      });
    }
    return out;
  }

  function stepCounts(job, step) {
    return stepFigures(job, step, "counts");
  }

  // The part of a cycle's message about one step: "ingest succeeded: ...; stage skipped: ...".
  function stepMessage(job, step) {
    if (job.type === step) {
      return { state: job.state, message: job.error || job.message };
    }
    const text = job.error || job.message || "";
    const parts = text.split(/; (?=(?:ingest|stage|train|publish) (?:succeeded|skipped|failed)\b)/);
    for (const p of parts) {
      const m = /^(ingest|stage|train|publish) (succeeded|skipped|failed):? ?(.*)$/s.exec(p);
      if (m && m[1] === step) {
        return { state: m[2].toUpperCase(), message: m[3] };
      }
    }
    return null;
  }

  function renderPipeline() {
    const jobs = state.jobs;
    const totals = {};
    function add(key, value) {
      totals[key] = (totals[key] || 0) + (typeof value === "number" ? value : 0);
    }
    jobs.forEach(function (job) {
      const ingest = stepCounts(job, "ingest");
      ["read", "landed", "rejected", "published"].forEach(function (k) {
        add("landing " + k, ingest[k]);
      });
      Object.keys(ingest).forEach(function (k) {
        const m = /^(\w+)\.(rejected|unmatched)$/.exec(k);
        if (m) {
          add("landing " + m[2] + " (" + m[1] + ")", ingest[k]);
        }
      });
      const stage = stepCounts(job, "stage");
      ["read", "staged", "quarantined", "duplicates", "bots"].forEach(function (k) {
        add("staging " + k, stage[k]);
      });
      Object.keys(stage).forEach(function (k) {
        const m = /^(quarantined|bots)\.(.+)$/.exec(k);
        if (m) {
          add("staging " + m[1] + ": " + m[2], stage[k]);
        }
      });
    });
    $("zones-note").textContent = "Summed over " + (jobs.length === 1 ? "the most recent job" : "the " + jobs.length
      + " most recent jobs") + " (a cycle counts its steps once).";
    const rows = Object.keys(totals).map(function (k) {
      const zone = k.substring(0, k.indexOf(" "));
      return [zone, k.substring(zone.length + 1), totals[k]];
    });
    fill("zones", rows, function (tr, r) {
      cell(tr, r[0]);
      cell(tr, r[1]);
      cell(tr, r[2].toLocaleString(), "num");
    });

    const steps = STEPS.map(function (step) {
      const job = jobs.find(function (j) {
        return (j.type === step || j.type === "cycle") && stepMessage(j, step) !== null;
      });
      return { step: step, job: job, part: job ? stepMessage(job, step) : null };
    });
    fill("steps", steps, function (tr, s) {
      cell(tr, s.step);
      if (!s.job) {
        cell(tr, "never run");
        return;
      }
      cell(tr, s.part.state, "state-" + s.part.state);
      cell(tr, when(s.job.finishedAt));
      cell(tr, s.job.type === "cycle" ? "in a cycle of " + took(seconds(s.job)) : took(seconds(s.job)));
      cell(tr, s.job.type + " " + s.job.jobId.substring(0, 8));
      cell(tr, s.part.message, "msg");
    });
  }

  // ---- jobs: the table and a plot of durations over time by type

  function headlineCounts(job) {
    const keys = ["landed", "rejected", "staged", "quarantined", "trainingSequences", "ingest.landed", "stage.staged"];
    return keys.filter(function (k) {
      return job.counts && typeof job.counts[k] === "number";
    }).map(function (k) {
      return k + "=" + job.counts[k];
    }).join(" ");
  }

  function renderJobs() {
    const jobs = state.jobs;
    fill("jobs", jobs, function (tr, job) {
      cell(tr, when(job.startedAt || job.createdAt));
      cell(tr, job.type);
      cell(tr, job.state, "state-" + job.state);
      cell(tr, took(seconds(job)), "num");
      cell(tr, headlineCounts(job));
      cell(tr, job.error || job.message, "msg");
    });
    const finished = jobs.filter(function (j) {
      return j.startedAt && j.finishedAt;
    }).slice().reverse();
    const types = Array.from(new Set(finished.map(function (j) {
      return j.type;
    })));
    const xs = finished.map(function (j) {
      return Date.parse(j.startedAt) / 1000;
    });
    const data = [xs].concat(types.map(function (t) {
      return finished.map(function (j) {
        return j.type === t ? seconds(j) : null;
      });
    }));
    plot("jobs-plot", {
      scales: { x: { time: true, range: padded(xs, 600) } },
      axes: [{}, { label: "seconds" }],
      series: [{}].concat(types.map(function (t, i) {
        return { label: t, stroke: COLOURS[i % COLOURS.length], width: 0, points: { show: true, size: 8 }, paths: function () {
          return null;
        } };
      }))
    }, data);
  }

  // ---- models: versions with holdout metrics, the gate's decisions, promote and rollback

  function metric(m, name) {
    return m && typeof m[name] === "number" ? m[name] : null;
  }

  function gateDecisions() {
    return state.jobs.map(function (job) {
      const measures = stepFigures(job, "publish", "measures");
      const part = stepMessage(job, "publish");
      const cand = Object.keys(measures).find(function (k) {
        return k.startsWith("candidate.");
      });
      if (!part || !cand) {
        return null;
      }
      const name = cand.substring("candidate.".length);
      const score = function (who) {
        const v = measures[who + "." + name];
        return typeof v === "number" ? v : null;
      };
      const version = /^(?:published|candidate) (\S+)/.exec(part.message || "");
      return {
        at: job.finishedAt, candidate: version ? version[1] : "", state: part.state, metric: name,
        candidateScore: score("candidate"), publishedScore: score("published"), popularScore: score("mostPopular"),
        message: part.message
      };
    }).filter(function (d) {
      return d !== null;
    });
  }

  function renderModels() {
    const list = state.models ? state.models.models : [];
    fill("models", list, function (tr, m) {
      const knn = (m.baselines || {})["session-knn"];
      const pop = (m.baselines || {})["most-popular"];
      cell(tr, m.version);
      cell(tr, when(m.createdAt));
      cell(tr, fixed(metric(m.metrics, "HR@20"), 4), "num");
      cell(tr, fixed(metric(m.metrics, "MRR@20"), 4), "num");
      cell(tr, knn ? fixed(metric(knn, "HR@20"), 4) + " / " + fixed(metric(knn, "MRR@20"), 4) : "", "num");
      cell(tr, pop ? fixed(metric(pop, "HR@20"), 4) + " / " + fixed(metric(pop, "MRR@20"), 4) : "", "num");
      cell(tr, m.evaluatedPredictions, "num");
      cell(tr, [m.published ? "published" : "", m.served ? "served" : ""].filter(Boolean).join(", "));
      const actions = cell(tr, "");
      if (!m.published) {
        const older = state.models.publishedVersion && list.findIndex(function (x) {
          return x.published;
        }) < list.indexOf(m);
        const b = document.createElement("button");
        b.type = "button";
        b.textContent = older ? "roll back to this" : "promote";
        b.addEventListener("click", function () {
          promote(m.version, older ? "rollback from the dashboard" : "promoted from the dashboard");
        });
        actions.appendChild(b);
      }
    });

    const decisions = gateDecisions();
    fill("gate", decisions, function (tr, d) {
      cell(tr, when(d.at));
      cell(tr, d.candidate);
      cell(tr, d.state === "SUCCEEDED" ? "published" : "held back", "state-" + d.state);
      cell(tr, d.metric);
      cell(tr, fixed(d.candidateScore, 4), "num");
      cell(tr, fixed(d.publishedScore, 4), "num");
      cell(tr, fixed(d.popularScore, 4), "num");
      cell(tr, d.message, "msg");
    });

    // Oldest first along x; the published model's score on each candidate's holdout comes from the gate's decision.
    const versions = list.slice().reverse();
    const gateBy = {};
    decisions.forEach(function (d) {
      if (!(d.candidate in gateBy)) {
        gateBy[d.candidate] = d;
      }
    });
    const series = [
      ["candidate HR@20", function (m) { return metric(m.metrics, "HR@20"); }],
      ["candidate MRR@20", function (m) { return metric(m.metrics, "MRR@20"); }],
      ["session-kNN HR@20", function (m) { return metric((m.baselines || {})["session-knn"], "HR@20"); }],
      ["session-kNN MRR@20", function (m) { return metric((m.baselines || {})["session-knn"], "MRR@20"); }],
      ["most-popular HR@20", function (m) { return metric((m.baselines || {})["most-popular"], "HR@20"); }],
      ["most-popular MRR@20", function (m) { return metric((m.baselines || {})["most-popular"], "MRR@20"); }],
      ["published, on candidate's holdout (gate metric)", function (m) {
        const d = gateBy[m.version];
        return d ? d.publishedScore : null;
      }]
    ];
    const data = [versions.map(function (m, i) { return i + 1; })].concat(series.map(function (s) {
      return versions.map(s[1]);
    }));
    plot("models-plot", {
      scales: { x: { time: false, range: function () { return [0.5, versions.length + 0.5]; } }, y: { range: [0, 1] } },
      axes: [{ label: "version (oldest first)", values: function (u, ticks) {
        return ticks.map(function (t) {
          const m = versions[t - 1];
          return Number.isInteger(t) && m ? m.version : "";
        });
      } }, {}],
      series: [{ label: "version", value: function (u, v) {
        const m = versions[v - 1];
        return m ? m.version : "";
      } }].concat(series.map(function (s, i) {
        return { label: s[0], stroke: COLOURS[i % COLOURS.length], width: 2, points: { show: true, size: 6 },
          dash: s[0].indexOf("MRR") >= 0 ? [6, 4] : undefined };
      }))
    }, data);
  }

  async function promote(version, reason) {
    const t = $("token").value.trim();
    if (t) {
      sessionStorage.setItem(TOKEN_KEY, t);
    }
    const result = $("promote-result");
    try {
      const r = await api(API + "/models/" + encodeURIComponent(version) + "/promote", {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ reason: reason })
      });
      result.textContent = "now published: " + r.model.version + " (served: " + (r.servedVersion || "none") + ")";
      await refresh();
    } catch (e) {
      result.textContent = (e.status === 401 ? "the admin token is missing or wrong: " : "") + e.message;
    }
  }

  // ---- serving: requests/s and latency per route, model swaps marked

  async function renderServing() {
    const t = await api(API + "/serving/timeline?minutes=10");
    const routes = t.routes;
    const xs = routes.length ? routes[0].points.map(function (p) { return Date.parse(p.at) / 1000; }) : [];
    const swapAt = t.swaps.map(function (s) { return Date.parse(s.at) / 1000; });
    const marks = {
      hooks: {
        draw: [function (u) {
          const ctx = u.ctx;
          ctx.save();
          ctx.strokeStyle = "#b91c1c";
          ctx.fillStyle = "#b91c1c";
          ctx.setLineDash([4, 4]);
          t.swaps.forEach(function (s, i) {
            const x = Math.round(u.valToPos(swapAt[i], "x", true));
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
            ctx.fillText("swap to " + (s.to || "none"), x + 4, u.bbox.top + 12);
          });
          ctx.restore();
        }]
      }
    };
    const label = function (r) { return r.method + " " + r.route; };
    plot("rate-plot", {
      scales: { x: { time: true } }, axes: [{}, { label: "requests/s" }], plugins: [marks],
      series: [{}].concat(routes.map(function (r, i) {
        return { label: label(r), stroke: COLOURS[i % COLOURS.length], width: 2 };
      }))
    }, [xs].concat(routes.map(function (r) { return r.points.map(function (p) { return p.perSecond; }); })));
    const latency = [];
    routes.forEach(function (r, i) {
      latency.push({ label: label(r) + " p50", stroke: COLOURS[i % COLOURS.length], width: 2,
        data: r.points.map(function (p) { return p.p50Millis; }) });
      latency.push({ label: label(r) + " p99", stroke: COLOURS[i % COLOURS.length], width: 1, dash: [6, 4],
        data: r.points.map(function (p) { return p.p99Millis; }) });
    });
    plot("latency-plot", {
      scales: { x: { time: true } }, axes: [{}, { label: "ms" }], plugins: [marks],
      series: [{}].concat(latency.map(function (s) { return { label: s.label, stroke: s.stroke, width: s.width, dash: s.dash }; }))
    }, [xs].concat(latency.map(function (s) { return s.data; })));
    fill("swaps", t.swaps.slice().reverse(), function (tr, s) {
      cell(tr, when(s.at));
      cell(tr, s.from || "none");
      cell(tr, s.to || "none");
    });
  }

  // ---- try it

  async function tryIt(event) {
    event.preventDefault();
    const items = $("try-items").value.split(",").map(function (s) { return s.trim(); }).filter(Boolean);
    const user = $("try-user").value.trim();
    const k = parseInt($("try-k").value, 10) || 10;
    const summary = $("try-summary");
    fill("try-results", [], function () {});
    try {
      const r = items.length
        ? await api(API + "/recommendations", {
          method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ items: items, k: k })
        })
        : await api(API + "/recommendations?userId=" + encodeURIComponent(user) + "&k=" + k);
      summary.textContent = "model " + r.modelVersion + ", strategy " + r.strategy + (r.fallback ? " (fallback)" : "")
        + ", " + r.items.length + " items";
      fill("try-results", r.items, function (tr, it, i) {
        cell(tr, i + 1, "num");
        cell(tr, it.itemId, "item");
        cell(tr, fixed(it.score, 4), "num");
      });
    } catch (e) {
      summary.textContent = e.message;
    }
  }

  // ---- plots (uPlot), rebuilt on each refresh: a few dozen points each

  // The x range of sorted values, padded on both sides (uPlot would stretch a single instant over years).
  function padded(xs, pad) {
    return function () {
      return [xs[0] - pad, xs[xs.length - 1] + pad];
    };
  }

  function plot(id, opts, data) {
    const el = $(id);
    if (state.plots[id]) {
      state.plots[id].destroy();
    }
    el.replaceChildren();
    if (data[0].length === 0) {
      const p = document.createElement("p");
      p.className = "note";
      p.textContent = "nothing to plot yet";
      el.appendChild(p);
      delete state.plots[id];
      return;
    }
    state.plots[id] = new uPlot(Object.assign({ width: PLOT_WIDTH, height: PLOT_HEIGHT }, opts), data, el);
  }

  // ---- views and refresh

  function show(view) {
    state.view = view;
    document.querySelectorAll(".view").forEach(function (s) {
      s.hidden = s.id !== "view-" + view;
    });
    document.querySelectorAll("nav button").forEach(function (b) {
      b.classList.toggle("active", b.dataset.view === view);
    });
    if (location.hash !== "#" + view) {
      history.replaceState(null, "", "#" + view);
    }
    refresh();
  }

  async function refresh() {
    try {
      await loadHeader();
      state.jobs = (await api(API + "/jobs?limit=200")).jobs;
      if (state.view === "pipeline") {
        renderPipeline();
      } else if (state.view === "jobs") {
        renderJobs();
      } else if (state.view === "models") {
        renderModels();
      } else if (state.view === "serving") {
        await renderServing();
      }
      showError(null);
      document.body.dataset.loaded = "true";
    } catch (e) {
      showError("cannot read the API: " + e.message);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("nav button").forEach(function (b) {
      b.addEventListener("click", function () {
        show(b.dataset.view);
      });
    });
    $("token").value = token();
    $("token").addEventListener("change", function () {
      sessionStorage.setItem(TOKEN_KEY, $("token").value.trim());
    });
    $("try-form").addEventListener("submit", tryIt);
    const start = location.hash.substring(1);
    show(["pipeline", "jobs", "models", "serving", "try"].indexOf(start) >= 0 ? start : "pipeline");
    setInterval(function () {
      if (state.view !== "try") {
        refresh();
      }
    }, REFRESH_MS);
  });
})();
