// Why the dashboard draws with uPlot: the time to load a chart library and draw a category
// page's worth of charts (12 charts, 3 series of 90 points) in Chromium, uPlot against ECharts,
// median of 7 interleaved runs. ECharts is not a dependency: install both in a folder of their
// own (npm install uplot echarts) and pass it:
//   node bench/dashboard-chartlib.mjs /tmp/chartlibs
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
const libs = process.argv[2];
if (!libs) { console.error('usage: node bench/dashboard-chartlib.mjs <folder where uplot and echarts are installed>'); process.exit(2); }
const up = readFileSync(join(libs, 'node_modules/uplot/dist/uPlot.iife.min.js'), 'utf8');
const upcss = readFileSync(join(libs, 'node_modules/uplot/dist/uPlot.min.css'), 'utf8');
const ec = readFileSync(join(libs, 'node_modules/echarts/dist/echarts.min.js'), 'utf8');
const N = 12, P = 90;
const data = `const xs=[...Array(${P})].map((_,i)=>1760000000+i*86400);const ys=[...Array(3)].map((_,s)=>xs.map((_,i)=>Math.sin(i/7+s)*50+60));`;
const pages = {
  uplot: `<style>${upcss}</style><body><script>const t0=performance.now();</script><script>${up}</script><script>${data}
for(let i=0;i<${N};i++){const d=document.createElement('div');document.body.appendChild(d);new uPlot({width:480,height:220,series:[{},{label:'a',stroke:'red'},{label:'b',stroke:'blue'},{label:'c',stroke:'green'}]},[xs,...ys],d);}
requestAnimationFrame(()=>requestAnimationFrame(()=>{window.done=performance.now()-t0;}));</script>`,
  echarts: `<body><script>const t0=performance.now();</script><script>${ec}</script><script>${data}
for(let i=0;i<${N};i++){const d=document.createElement('div');d.style.width='480px';d.style.height='220px';document.body.appendChild(d);const c=echarts.init(d,null,{renderer:'canvas'});c.setOption({animation:false,xAxis:{type:'time'},yAxis:{},series:ys.map(y=>({type:'line',data:xs.map((x,i)=>[x*1000,y[i]])}))});}
requestAnimationFrame(()=>requestAnimationFrame(()=>{window.done=performance.now()-t0;}));</script>`,
};
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const res = { uplot: [], echarts: [] };
for (let r = 0; r < 7; r++) for (const k of ['uplot', 'echarts']) {
  const p = await browser.newPage();
  await p.setContent(pages[k]);
  await p.waitForFunction(() => window.done !== undefined);
  res[k].push(await p.evaluate(() => window.done));
  await p.close();
}
await browser.close();
const med = (a) => a.sort((x, y) => x - y)[a.length >> 1];
console.log(JSON.stringify({ uplot: med(res.uplot), echarts: med(res.echarts), ratio: med(res.echarts) / med(res.uplot) }));
