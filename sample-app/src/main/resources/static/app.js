// The sample's page: chat rooms over ws://<host>:<ws port>/chat/<room>?name=<nickname>, the
// server's /stats stream, and a live panel that plots actuator metrics once a second.
'use strict';

const COLORS = {accent: '#5b5bd6', teal: '#12a594', orange: '#f76b15'};
const $ = id => document.getElementById(id);

let config = null;        // {wsPort, chatPath, statsPath} from /config.json
let chat = null;          // the open chat WebSocket, or null
let me = null;            // my nickname in the room (the server may have made it unique)

// ---- start ---------------------------------------------------------------------------------

async function start() {
  $('name').value = localStorage.getItem('ws-sample-name') || 'guest' + Math.floor(100 + Math.random() * 900);
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('room');
  if (fromHash) $('room').value = fromHash;

  config = await (await fetch('config.json')).json();
  $('ws-port').textContent = config.wsPort;
  $('join-form').addEventListener('submit', e => { e.preventDefault(); join(); });
  $('send-form').addEventListener('submit', e => { e.preventDefault(); send(); });
  $('leave').addEventListener('click', leave);
  connectStats();
  startMetrics();
}

function wsUrl(path) {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.hostname}:${config.wsPort}${path}`;
}

// ---- chat ----------------------------------------------------------------------------------

function join() {
  const room = $('room').value.trim();
  const name = $('name').value.trim();
  if (!room || !name) return;
  localStorage.setItem('ws-sample-name', name);
  $('join-error').hidden = true;
  $('join').disabled = true;

  const path = config.chatPath.replace('{room}', encodeURIComponent(room));
  const ws = new WebSocket(wsUrl(`${path}?name=${encodeURIComponent(name)}`));
  chat = ws;
  ws.onmessage = e => onChatEvent(JSON.parse(e.data));
  ws.onclose = e => {
    if (chat !== ws) return; // left on purpose
    chat = null;
    $('join').disabled = false;
    const why = e.reason || (e.code === 1006 ? 'connection lost' : 'closed with ' + e.code);
    if ($('room-view').hidden) {
      showJoinError(`Could not join: ${why}`);
    } else {
      notice(`Disconnected: ${why}.`, 'error');
      $('send').disabled = true;
      $('message').disabled = true;
      $('leave').textContent = 'Back';
    }
  };
}

function onChatEvent(event) {
  switch (event.type) {
    case 'welcome':
      me = event.user;
      location.hash = 'room=' + encodeURIComponent(event.room);
      $('room-title').textContent = event.room;
      $('you').textContent = me;
      $('messages').replaceChildren();
      $('join-form').hidden = true;
      $('room-view').hidden = false;
      $('send').disabled = false;
      $('message').disabled = false;
      $('leave').textContent = 'Leave';
      $('join').disabled = false;
      notice(`You joined #${event.room} as ${me}.`);
      setMembers(event.members);
      $('message').focus();
      break;
    case 'join':
      notice(`${event.user} joined.`);
      setMembers(event.members);
      break;
    case 'leave':
      notice(`${event.user} left.`);
      setMembers(event.members);
      break;
    case 'message':
      message(event);
      break;
    case 'error':
      notice(event.text, 'error');
      break;
  }
}

function send() {
  const input = $('message');
  const text = input.value.trim();
  if (!text || !chat || chat.readyState !== WebSocket.OPEN) return;
  chat.send(JSON.stringify({text}));
  input.value = '';
  input.focus();
}

function leave() {
  const ws = chat;
  chat = null;
  if (ws) ws.close(1000, 'left');
  history.replaceState(null, '', location.pathname);
  $('room-view').hidden = true;
  $('join-form').hidden = false;
  $('join').disabled = false;
}

function setMembers(members) {
  const count = $('member-count');
  count.dataset.count = members.length;
  count.textContent = `${members.length} online`;
  $('members').replaceChildren(...members.map(name => {
    const li = document.createElement('li');
    const label = document.createElement('span');
    label.className = 'name';
    label.textContent = name;
    li.append(avatar(name), label);
    if (name === me) li.classList.add('me');
    return li;
  }));
}

function message(event) {
  const li = document.createElement('li');
  li.className = 'msg' + (event.user === me ? ' mine' : '');
  li.dataset.user = event.user;
  const head = document.createElement('div');
  head.className = 'msg-head';
  const author = document.createElement('span');
  author.className = 'author';
  author.textContent = event.user;
  const time = document.createElement('time');
  time.textContent = clock(event.time);
  head.append(author, time);
  const text = document.createElement('div');
  text.className = 'text';
  text.textContent = event.text;
  const body = document.createElement('div');
  body.append(head, text);
  li.append(avatar(event.user), body);
  append(li);
}

function notice(text, kind = 'info') {
  const li = document.createElement('li');
  li.className = 'notice ' + kind;
  li.textContent = text;
  append(li);
}

function append(li) {
  const list = $('messages');
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  list.append(li);
  if (atBottom) list.scrollTop = list.scrollHeight;
}

function showJoinError(text) {
  $('join-error').textContent = text;
  $('join-error').hidden = false;
}

function avatar(name) {
  const span = document.createElement('span');
  span.className = 'avatar';
  span.textContent = [...name][0].toUpperCase();
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  span.style.setProperty('--hue', hash % 360);
  return span;
}

function clock(millis) {
  return new Date(millis).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'});
}

// ---- the /stats stream ---------------------------------------------------------------------

function connectStats(delay = 1000) {
  const ws = new WebSocket(wsUrl(config.statsPath));
  ws.onopen = () => { setStatus('online', `live · ws port ${config.wsPort}`); delay = 1000; };
  ws.onmessage = e => showStats(JSON.parse(e.data));
  ws.onclose = () => {
    setStatus('offline', 'reconnecting…');
    setTimeout(() => connectStats(Math.min(delay * 2, 10000)), delay);
  };
}

function setStatus(state, text) {
  $('status').dataset.state = state;
  $('status').textContent = text;
}

function showStats(s) {
  $('t-uptime').textContent = duration(s.uptimeMillis);
  $('t-sessions').textContent = s.sessions;
  $('t-rooms').textContent = `${s.chatRooms} (${s.chatMembers} in)`;
  $('t-heap').textContent = s.heapMax > 0 ? `${mib(s.heapUsed)} / ${mib(s.heapMax)} MiB` : `${mib(s.heapUsed)} MiB`;
  $('t-threads').textContent = s.threads;
  $('t-cpu').textContent = s.cpu < 0 ? 'n/a' : `${(s.cpu * 100).toFixed(1)} %`;
}

function duration(ms) {
  const s = Math.floor(ms / 1000);
  const pad = n => String(n).padStart(2, '0');
  return `${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

function mib(bytes) {
  return Math.round(bytes / 1048576);
}

// ---- the live panel: actuator metrics, once a second ----------------------------------------

const connChart = new LineChart($('conn-chart'), [{color: COLORS.accent}, {color: COLORS.teal}]);
const rateChart = new LineChart($('rate-chart'), [{color: COLORS.accent}, {color: COLORS.orange}]);
let previous = null; // {time, received, sent}

async function metric(name, tag) {
  const query = tag ? '?tag=' + encodeURIComponent(tag) : '';
  const response = await fetch(`actuator/metrics/${name}${query}`, {cache: 'no-store'});
  if (!response.ok) return null;
  const body = await response.json();
  const m = body.measurements.find(x => x.statistic === 'VALUE' || x.statistic === 'COUNT');
  return m ? m.value : null;
}

async function sampleMetrics() {
  try {
    const [all, chatOnly, received, sent] = await Promise.all([
      metric('ws.connections.active'),
      metric('ws.connections.active', 'handler:/chat/{room}'),
      metric('ws.messages.received'),
      metric('ws.messages.sent'),
    ]);
    const now = performance.now();
    let inRate = null;
    let outRate = null;
    if (previous && received != null && sent != null) {
      const seconds = (now - previous.time) / 1000;
      inRate = Math.max(0, (received - previous.received) / seconds);
      outRate = Math.max(0, (sent - previous.sent) / seconds);
    }
    previous = {time: now, received, sent};
    connChart.push(all, chatOnly);
    rateChart.push(inRate, outRate);
    $('conn-now').textContent = all ?? '–';
    $('rate-now').textContent = inRate == null ? '–' : `${inRate.toFixed(1)} in · ${outRate.toFixed(1)} out`;
  } catch (e) {
    connChart.push(null, null);
    rateChart.push(null, null);
  }
}

function startMetrics() {
  sampleMetrics();
  setInterval(sampleMetrics, 1000);
}

start();
